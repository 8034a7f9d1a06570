package io.switchboard.dispatcher;

import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What operators see of {@code send-commands-dlq}, and how they send a dead letter again. Listing reads the tail of
 * each partition (enough records to fill the page), newest dead letter first, so paging by {@code offset} walks back
 * in time. Replay reads the whole topic (dead letters are few; the newest one of a message id wins) and re-produces
 * the original command to {@code send-commands} with headers {@code switchboard-replay-of} (the dead letter's
 * partition@offset) and {@code switchboard-replayed-at}; the command's attempts start again from 1, and the sent
 * marker check still applies, so a message that did go out is not sent twice. Kafka work runs on the given
 * executor, never on an event loop.
 */
public final class DeadLetterArchive {

    static final String REPLAY_OF_HEADER = "switchboard-replay-of";
    static final String REPLAYED_AT_HEADER = "switchboard-replayed-at";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PAGE_END = 1_000;

    private final Map<String, Object> clientConfig;
    private final String registryUrl;
    private final ExecutorService executor;

    public DeadLetterArchive(Map<String, Object> clientConfig, String registryUrl, ExecutorService executor) {
        this.clientConfig = clientConfig;
        this.registryUrl = registryUrl;
        this.executor = executor;
    }

    /** Dead letters newest first, skipping {@code offset} and returning at most {@code limit}. */
    public CompletableFuture<List<Map<String, Object>>> list(int offset, int limit) {
        int first = Math.max(0, offset);
        int count = Math.max(1, Math.min(limit, 200));
        return async(() -> read(Math.min(MAX_PAGE_END, first + count)).stream()
                .sorted(Comparator.comparing((ConsumerRecord<String, DeadLetter> r) ->
                        r.value().getDeadLetteredAt()).reversed())
                .skip(first).limit(count).map(DeadLetterArchive::describe).toList());
    }

    /** Re-produces the commands of the given message ids; answers which were replayed and which were not found. */
    public CompletableFuture<Map<String, List<String>>> replay(Collection<String> messageIds) {
        Set<String> wanted = Set.copyOf(messageIds);
        return async(() -> {
            Map<String, ConsumerRecord<String, DeadLetter>> newest = new LinkedHashMap<>();
            for (ConsumerRecord<String, DeadLetter> record : read(Integer.MAX_VALUE)) {
                String id = record.value().getCommand().getMessageId();
                if (wanted.contains(id)) {
                    newest.merge(id, record, (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
                }
            }
            produce(newest.values());
            List<String> missing = messageIds.stream().filter(id -> !newest.containsKey(id)).distinct().toList();
            return Map.of("replayed", List.copyOf(newest.keySet()), "not_found", missing);
        });
    }

    private void produce(Collection<ConsumerRecord<String, DeadLetter>> letters) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, SendCommand> producer = new KafkaProducer<>(config,
                Topics.SEND_COMMANDS.keySerde().serializer(), Topics.SEND_COMMANDS.valueSerde(registryUrl).serializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (ConsumerRecord<String, DeadLetter> letter : letters) {
                SendCommand command = letter.value().getCommand();
                ProducerRecord<String, SendCommand> record = new ProducerRecord<>(Topics.SEND_COMMANDS.name(),
                        Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient()), command);
                record.headers().add(REPLAY_OF_HEADER, (letter.partition() + "@" + letter.offset())
                        .getBytes(StandardCharsets.UTF_8));
                record.headers().add(REPLAYED_AT_HEADER, java.time.Instant.now().toString()
                        .getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(record));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
    }

    /** Up to {@code perPartition} records from the tail of every partition of the dead-letter topic. */
    private List<ConsumerRecord<String, DeadLetter>> read(int perPartition) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<String, DeadLetter>> records = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(config,
                Topics.SEND_COMMANDS_DLQ.keySerde().deserializer(),
                Topics.SEND_COMMANDS_DLQ.valueSerde(registryUrl).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEND_COMMANDS_DLQ.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - perPartition));
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("send-commands-dlq could not be read within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null && record.offset() < end.get(new TopicPartition(record.topic(),
                            record.partition()))) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    private static Map<String, Object> describe(ConsumerRecord<String, DeadLetter> record) {
        DeadLetter letter = record.value();
        SendCommand command = letter.getCommand();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message_id", command.getMessageId());
        out.put("account_id", command.getAccountId());
        out.put("phone_number_id", command.getPhoneNumberId());
        out.put("recipient", Redaction.phone(command.getRecipient()));
        out.put("kind", String.valueOf(command.getKind()));
        out.put("dead_lettered_at", String.valueOf(letter.getDeadLetteredAt()));
        out.put("last_error", error(letter.getLastError()));
        out.put("attempts", letter.getAttempts().stream().map(DeadLetterArchive::attempt).toList());
        out.put("partition", record.partition());
        out.put("offset", record.offset());
        return out;
    }

    private static Map<String, Object> attempt(AttemptRecord attempt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempt", attempt.getAttempt());
        out.put("at", String.valueOf(attempt.getAt()));
        out.put("outcome", attempt.getOutcome());
        out.put("duration_millis", attempt.getDurationMillis());
        out.put("error", error(attempt.getError()));
        return out;
    }

    private static Map<String, Object> error(ErrorInfo error) {
        if (error == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", error.getCode());
        out.put("title", error.getTitle());
        out.put("detail", error.getDetail());
        out.put("reason", error.getReason());
        return out;
    }

    private <T> CompletableFuture<T> async(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, executor);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }
}
