package io.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bench.scenario.MessageTimes.Point;
import io.switchboard.bench.system.SetupClient;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the pipeline's topics from now on ({@code send-commands}, {@code message-events}, {@code message-status};
 * read_committed, on a thread of its own) and marks, per message id, the points of {@link MessageTimes}: the command's
 * and the SENT event's producer timestamps, and the time this consumer first reads the projector's {@code sent} (or a
 * later state). For messages the {@link StatusFollower} follows, the generator adds the 202 and the moment the query
 * showed {@code sent}, and, when their SENT event arrives, the simulator's receive and answer times are asked from
 * {@code /_sim/messages/{wamid}} (its history keeps only the latest sends, so at once).
 */
public final class HopTracker implements AutoCloseable {

    private final Map<String, MessageTimes> times = new ConcurrentHashMap<>();
    private final Map<String, Boolean> followed = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final String simulatorUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService lookups = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-hop-sim-lookup");
        t.setDaemon(true);
        return t;
    });
    private final Thread thread;
    private volatile long windowStartMillis = Long.MAX_VALUE;

    public HopTracker(String bootstrap, String registryUrl, String simulatorUrl) {
        this.simulatorUrl = simulatorUrl;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.SEND_COMMANDS.name(), Topics.MESSAGE_EVENTS.name(),
                Topics.MESSAGE_STATUS.name())) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the load starts
        Deserializer<SendCommand> commands = Topics.SEND_COMMANDS.valueSerde(registryUrl).deserializer();
        Deserializer<MessageEvent> events = Topics.MESSAGE_EVENTS.valueSerde(registryUrl).deserializer();
        Deserializer<MessageStatus> statuses = Topics.MESSAGE_STATUS.valueSerde(registryUrl).deserializer();
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        try {
                            read(r, commands, events, statuses);
                        } catch (RuntimeException e) {
                            // a record this tool cannot read (another schema): not a point of any message
                        }
                    }
                }
            }
        }, "bench-hop-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Messages whose command is written from {@code epochMillis} on are counted (the warm-up's are not). */
    public void measureFrom(long epochMillis) {
        windowStartMillis = epochMillis;
    }

    /** A followed message: the generator read its 202 at {@code epochMillis}. */
    public void accepted(String messageId, long epochMillis) {
        followed.put(messageId, Boolean.TRUE);
        timesOf(messageId).mark(Point.ACCEPTED, epochMillis);
    }

    /** A followed message's status query showed {@code sent} (or later) at {@code epochMillis}. */
    public void visible(String messageId, long epochMillis) {
        timesOf(messageId).mark(Point.VISIBLE, epochMillis);
    }

    /** The hops of the measured window: of the followed messages, and of every message the topics showed. */
    public List<HopBreakdown.HopFigures> followedHops() {
        return HopBreakdown.of(measured(true));
    }

    public List<HopBreakdown.HopFigures> allHops() {
        return HopBreakdown.of(measured(false));
    }

    private List<MessageTimes> measured(boolean followedOnly) {
        List<MessageTimes> out = new ArrayList<>();
        times.forEach((id, t) -> {
            long command = t.at(Point.COMMAND);
            if (command >= windowStartMillis && (!followedOnly || followed.containsKey(id))) {
                out.add(t);
            }
        });
        return out;
    }

    private MessageTimes timesOf(String messageId) {
        return times.computeIfAbsent(messageId, id -> new MessageTimes());
    }

    private void read(ConsumerRecord<byte[], byte[]> r, Deserializer<SendCommand> commands,
                      Deserializer<MessageEvent> events, Deserializer<MessageStatus> statuses) {
        long now = System.currentTimeMillis();
        if (r.topic().equals(Topics.SEND_COMMANDS.name())) {
            SendCommand command = commands.deserialize(r.topic(), r.value());
            timesOf(command.getMessageId()).mark(Point.COMMAND, r.timestamp());
        } else if (r.topic().equals(Topics.MESSAGE_EVENTS.name())) {
            MessageEvent event = events.deserialize(r.topic(), r.value());
            if (event.getType() == MessageEventType.SENT) {
                timesOf(event.getMessageId()).mark(Point.SENT_EVENT, r.timestamp());
                if (simulatorUrl != null && event.getWamid() != null && followed.containsKey(event.getMessageId())) {
                    lookups.execute(() -> lookUp(event.getMessageId(), event.getWamid()));
                }
            }
        } else if (r.value() != null) {
            MessageStatus status = statuses.deserialize(r.topic(), r.value());
            if (isSentOrLater(status.getStatus())) {
                timesOf(status.getMessageId()).mark(Point.PROJECTED, now);
            }
        }
    }

    static boolean isSentOrLater(MessageState state) {
        return state == MessageState.SENT || state == MessageState.DELIVERED || state == MessageState.READ;
    }

    /** The simulator's receive and answer times of the send that got {@code wamid}. */
    private void lookUp(String messageId, String wamid) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/_sim/messages/"
                    + wamid)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return;
            }
            JsonNode json = SetupClient.JSON.readTree(answer.body());
            MessageTimes t = timesOf(messageId);
            if (json.hasNonNull("received_at")) {
                t.mark(Point.SIM_RECEIVED, Instant.parse(json.get("received_at").asText()).toEpochMilli());
            }
            if (json.hasNonNull("accepted_at")) {
                t.mark(Point.SIM_ANSWERED, Instant.parse(json.get("accepted_at").asText()).toEpochMilli());
            }
        } catch (Exception e) {
            // gone from the simulator's history, or it is stopping: this message has no simulator points
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        lookups.shutdownNow();
        thread.join(5_000);
    }
}
