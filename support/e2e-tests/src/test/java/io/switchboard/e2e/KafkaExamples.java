package io.switchboard.e2e;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The example clients of {@code support/kafka-examples}, as built, loaded the way the platform loads its services:
 * from the module's compiled classes, in a class loader of their own. Its parent is this test's class loader, so
 * kafka-clients and Avro (the only libraries the examples use) are the test's, and their records and futures can
 * be used here directly; only the examples' own methods are called by name.
 */
final class KafkaExamples {

    private static ClassLoader loader;

    private KafkaExamples() {
    }

    /** A constant of {@code SwitchboardTopics}, the examples' copy of the topic contract. */
    static String topic(String constant) {
        try {
            return (String) load("SwitchboardTopics").getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ExampleSendProducer}: plain KafkaProducer, acks=all, idempotent, Confluent wire format. */
    static final class Producer implements AutoCloseable {

        private final Object example;

        Producer(String bootstrapServers, String registryUrl) {
            example = construct("ExampleSendProducer", new Class<?>[] {String.class, String.class},
                    bootstrapServers, registryUrl);
        }

        GenericRecord textCommand(String accountId, String phoneNumberId, String recipient, String body) {
            return (GenericRecord) call(example, "textCommand", new Class<?>[] {String.class, String.class,
                    String.class, String.class}, accountId, phoneNumberId, recipient, body);
        }

        /** Produces under the command's own key and waits for Kafka's acknowledgement. */
        RecordMetadata send(GenericRecord command) {
            return acked(call(example, "send", new Class<?>[] {GenericRecord.class}, command));
        }

        RecordMetadata send(String key, GenericRecord command) {
            return acked(call(example, "send", new Class<?>[] {String.class, GenericRecord.class}, key, command));
        }

        byte[] encode(GenericRecord command) {
            return (byte[]) call(example, "encode", new Class<?>[] {GenericRecord.class}, command);
        }

        @Override
        public void close() {
            call(example, "close", new Class<?>[0]);
        }

        private static RecordMetadata acked(Object future) {
            try {
                return ((CompletableFuture<?>) future).thenApply(RecordMetadata.class::cast).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("not acknowledged: " + e, e);
            }
        }
    }

    /** {@code ExampleStatusConsumer} on the given topics, decoding every value by its schema id. */
    static final class Consumer implements AutoCloseable {

        private final Object example;

        Consumer(String bootstrapServers, String registryUrl, String groupId, List<String> topics) {
            example = construct("ExampleStatusConsumer", new Class<?>[] {String.class, String.class, String.class,
                    List.class}, bootstrapServers, registryUrl, groupId, topics);
        }

        @SuppressWarnings("unchecked")
        List<ConsumerRecord<String, GenericRecord>> poll(Duration timeout) {
            return (List<ConsumerRecord<String, GenericRecord>>) call(example, "poll", new Class<?>[] {Duration.class},
                    timeout);
        }

        @Override
        public void close() {
            call(example, "close", new Class<?>[0]);
        }
    }

    private static Object construct(String name, Class<?>[] types, Object... args) {
        try {
            return load(name).getConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Object target, String method, Class<?>[] types, Object... args) {
        try {
            Method m = target.getClass().getMethod(method, types);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Class<?> load(String simpleName) throws ClassNotFoundException {
        if (loader == null) {
            Path classes = RunningPlatform.repositoryRoot().resolve("support/kafka-examples/target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException("support/kafka-examples is not built: " + classes + " is missing");
            }
            try {
                loader = new URLClassLoader("kafka-examples", new URL[] {classes.toUri().toURL()},
                        KafkaExamples.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return loader.loadClass("io.switchboard.examples." + simpleName);
    }
}
