package io.switchboard.projector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.projector.TestInfra;
import io.switchboard.projector.streams.ProjectorStreams;
import io.switchboard.projector.topology.Records;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two projector instances (same application id, own ports and state dirs) over the real broker and registry: every
 * message can be asked of either instance, and the one that does not own it forwards to the one that does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoProjectorInstancesTest {

    private static final int MESSAGES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> expected = new LinkedHashMap<>();
    /** wamid -> message id, for every message that was sent. */
    private final Map<String, String> wamids = new LinkedHashMap<>();
    /** The searched account's message ids, oldest first; every third one has the reference "lost-ref". */
    private final List<String> searched = new java.util.ArrayList<>();
    private EmbeddedServer first;
    private EmbeddedServer second;

    @BeforeAll
    void startTwoInstancesAndProduce() {
        String applicationId = TestInfra.uniqueApplicationId("iq");
        first = start(applicationId, "a");
        second = start(applicationId, "b");
        await().atMost(Duration.ofSeconds(90)).until(() -> ownsTasks(first) && ownsTasks(second));
        produceMessages();
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.getApplicationContext().close();
        }
        if (first != null) {
            first.getApplicationContext().close();
        }
    }

    @Test
    void everyMessageIsAnsweredByBothInstances() {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                for (Map.Entry<String, String> message : expected.entrySet()) {
                    HttpResponse<String> response = get(server, "/internal/messages/" + message.getKey());
                    assertThat(response.statusCode()).as("%s from port %d", message.getKey(), server.getPort())
                            .isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.get("message_id").asText()).isEqualTo(message.getKey());
                    assertThat(body.get("status").asText()).as(message.getKey()).isEqualTo(message.getValue());
                }
            });
        }
    }

    @Test
    void bothInstancesOwnSomeMessagesSoQueriesAreForwardedBothWays() {
        Map<HostInfo, Long> owners = new LinkedHashMap<>();
        KafkaStreams streams = streamsOf(first);
        for (String id : expected.keySet()) {
            HostInfo owner = streams.queryMetadataForKey(StatusTopology.MESSAGE_STORE, id, new StringSerializer())
                    .activeHost();
            owners.merge(owner, 1L, Long::sum);
        }
        assertThat(owners).containsOnlyKeys(self(first), self(second));
    }

    @Test
    void answerFollowsTheContract() throws Exception {
        String failed = expected.entrySet().stream().filter(e -> e.getValue().equals("failed")).findFirst()
                .orElseThrow().getKey();
        await().atMost(Duration.ofSeconds(90)).until(() -> get(second, "/internal/messages/" + failed)
                .statusCode() == 200 && JSON.readTree(get(second, "/internal/messages/" + failed).body())
                .get("status").asText().equals("failed"));

        JsonNode body = JSON.readTree(get(first, "/internal/messages/" + failed).body());

        assertThat(body.get("account_id").asText()).isEqualTo("acct-7f3a");
        assertThat(body.get("phone_number_id").asText()).isEqualTo(Records.PHONE_NUMBER_ID);
        assertThat(body.get("kind").asText()).isEqualTo("text");
        assertThat(body.get("reference").asText()).isEqualTo("order-7781");
        assertThat(body.get("api_key_id").asText()).isEqualTo("key-42");
        assertThat(body.get("wamid").asText()).startsWith("wamid.");
        assertThat(body.get("accepted_at").asText()).isEqualTo("2025-06-16T09:00:00Z");
        assertThat(body.get("updated_at").asText()).as("when webhook-ingest received the failure")
                .isEqualTo("2025-06-16T09:00:04Z");
        assertThat(body.get("attempts").asInt()).isEqualTo(1);
        assertThat(body.get("error").get("code").asInt()).isEqualTo(131026);
        assertThat(body.get("error").get("title").asText()).isEqualTo("Message undeliverable");
        assertThat(body.get("error").has("reason")).isTrue();
        JsonNode timeline = body.get("timeline");
        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(0).get("status").asText()).isEqualTo("queued");
        assertThat(timeline.get(0).get("source").asText()).isEqualTo("api");
        assertThat(timeline.get(0).get("error").isNull()).isTrue();
        assertThat(timeline.get(2).get("status").asText()).isEqualTo("failed");
        assertThat(timeline.get(2).get("at").asText()).isEqualTo("2025-06-16T09:00:04Z");
        assertThat(timeline.get(2).get("whatsapp_at").asText()).isEqualTo("2025-06-16T09:00:03Z");
        assertThat(timeline.get(1).get("whatsapp_at").isNull()).isTrue();
        assertThat(timeline.get(2).get("error").get("code").asInt()).isEqualTo(131026);
    }

    @Test
    void unknownMessageIsNotFoundOnBothInstances() throws Exception {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(server, "/internal/messages/" + UUID.randomUUID()).statusCode() == 404);
            HttpResponse<String> response = get(server, "/internal/messages/" + UUID.randomUUID());
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        }
    }

    @Test
    void forwardedQueryThatReachesANonOwnerIsNotReadyInsteadOfForwardedAgain() throws Exception {
        String ownedByFirst = expected.keySet().stream().filter(id -> self(first).equals(
                streamsOf(first).queryMetadataForKey(StatusTopology.MESSAGE_STORE, id, new StringSerializer())
                        .activeHost())).findFirst().orElseThrow();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(second, "/internal/messages/"
                        + ownedByFirst)).header(PeerForwarder.FORWARDED_HEADER, "1").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("STORE_NOT_READY");
    }

    @Test
    void everyWamidIsResolvedToItsMessageByBothInstances() {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                for (Map.Entry<String, String> sent : wamids.entrySet()) {
                    HttpResponse<String> response = get(server, "/internal/wamids/" + sent.getKey());
                    assertThat(response.statusCode()).as("%s from port %d", sent.getKey(), server.getPort())
                            .isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.get("message_id").asText()).isEqualTo(sent.getValue());
                    assertThat(body.get("wamid").asText()).isEqualTo(sent.getKey());
                    assertThat(body.size()).isEqualTo(2);
                }
            });
        }
    }

    @Test
    void bothInstancesOwnSomeWamidsSoWamidQueriesAreForwardedBothWays() {
        Map<HostInfo, Long> owners = new LinkedHashMap<>();
        for (String wamid : wamids.keySet()) {
            owners.merge(wamidOwner(wamid), 1L, Long::sum);
        }
        assertThat(owners).containsOnlyKeys(self(first), self(second));
    }

    @Test
    void unknownWamidIsNotFoundOnBothInstances() throws Exception {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(server, "/internal/wamids/wamid.unknown" + UUID.randomUUID()).statusCode() == 404);
            HttpResponse<String> response = get(server, "/internal/wamids/wamid.unknown" + UUID.randomUUID());
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        }
    }

    @Test
    void forwardedWamidQueryThatReachesANonOwnerIsNotReady() throws Exception {
        String ownedByFirst = wamids.keySet().stream().filter(w -> self(first).equals(wamidOwner(w)))
                .findFirst().orElseThrow();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(second, "/internal/wamids/"
                        + ownedByFirst)).header(PeerForwarder.FORWARDED_HEADER, "1").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("STORE_NOT_READY");
    }

    private HostInfo wamidOwner(String wamid) {
        return streamsOf(first).queryMetadataForKey(StatusTopology.WAMID_INDEX_STORE, wamid, new StringSerializer())
                .activeHost();
    }

    @Test
    void healthIsUpAndPrometheusShowsStreamsMetrics() throws Exception {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> get(server, "/health").statusCode() == 200);
            JsonNode health = JSON.readTree(get(server, "/health").body());
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("kafkaStreams").get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("kafkaStreams").get("details").get("state").asText())
                    .isEqualTo("RUNNING");
            assertThat(health.get("details").get("kafka").get("status").asText()).isEqualTo("UP");
            HttpResponse<String> prometheus = get(server, "/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("kafka_stream");
        }
    }

    @Test
    void prometheusShowsHowFarBehindTheProjectorIsAndHowManyMessagesReachedEachStatus() {
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                String scraped = get(server, "/prometheus").body();
                for (String topic : List.of("send-commands", "message-events", "status-updates",
                        "facts-by-message-repartition", "sent-by-wamid-repartition")) {
                    assertThat(sample(scraped, "projector_consumer_lag{topic=\"" + topic + "\"}"))
                            .as("%s caught up, on port %d", topic, server.getPort()).isEqualTo(0);
                }
            });
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            double read = 0;
            double queued = 0;
            for (EmbeddedServer server : List.of(first, second)) {
                String scraped = get(server, "/prometheus").body();
                read += sample(scraped, "projector_status_changes_total{status=\"read\"}");
                queued += sample(scraped, "projector_status_changes_total{status=\"queued\"}");
            }
            assertThat(read).as("messages that reached read, over both instances")
                    .isGreaterThanOrEqualTo(expected.values().stream().filter("read"::equals).count());
            assertThat(queued).isGreaterThanOrEqualTo(MESSAGES + SEARCHED);
        });
    }

    /** The value of one sample line of a Prometheus scrape (0 when absent). */
    private static double sample(String scraped, String series) {
        return scraped.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
    }

    private EmbeddedServer start(String applicationId, String name) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", TestInfra.kafka().bootstrapServers());
        props.put("switchboard.schema-registry.url", TestInfra.registryUrl());
        props.put("switchboard.projector.application-id", applicationId);
        props.put("switchboard.projector.state-dir", TestInfra.freshStateDir(name).toString());
        props.put("switchboard.projector.advertised-host", "localhost");
        props.put("switchboard.projector.lag-interval", "200ms");
        return ApplicationContext.run(EmbeddedServer.class, props);
    }

    private void produceMessages() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                String id = UUID.randomUUID().toString();
                String wamid = "wamid.HBgL" + id.replace("-", "");
                send(producer, Topics.SEND_COMMANDS, Topics.sendCommandKey(Records.PHONE_NUMBER_ID,
                        Records.RECIPIENT), Records.command(id));
                if (i % 5 != 0) {
                    wamids.put(wamid, id);
                }
                switch (i % 5) {
                    case 0 -> expected.put(id, "queued");
                    case 1 -> {
                        send(producer, Topics.MESSAGE_EVENTS, id, Records.sent(id, wamid));
                        send(producer, Topics.STATUS_UPDATES, wamid, Records.status(wamid, WhatsAppStatus.DELIVERED, 5));
                        expected.put(id, "delivered");
                    }
                    case 2 -> {
                        // WhatsApp's read overtakes the send result: held, then released.
                        send(producer, Topics.STATUS_UPDATES, wamid, Records.status(wamid, WhatsAppStatus.READ, 6));
                        send(producer, Topics.MESSAGE_EVENTS, id, Records.sent(id, wamid));
                        expected.put(id, "read");
                    }
                    case 3 -> {
                        send(producer, Topics.MESSAGE_EVENTS, id, Records.sent(id, wamid));
                        send(producer, Topics.STATUS_UPDATES, wamid, Records.status(wamid, WhatsAppStatus.FAILED, 3));
                        expected.put(id, "failed");
                    }
                    default -> {
                        send(producer, Topics.STATUS_UPDATES, wamid,
                                Records.status(wamid, WhatsAppStatus.READ, 9, id));
                        send(producer, Topics.MESSAGE_EVENTS, id, Records.event(id, MessageEventType.SENT, 1, wamid,
                                null));
                        send(producer, Topics.STATUS_UPDATES, wamid, Records.status(wamid, WhatsAppStatus.DELIVERED, 4));
                        expected.put(id, "read");
                    }
                }
            }
            for (int i = 0; i < SEARCHED; i++) {
                String id = UUID.randomUUID().toString();
                searched.add(id);
                send(producer, Topics.SEND_COMMANDS, Topics.sendCommandKey(Records.PHONE_NUMBER_ID,
                        Records.RECIPIENT), io.switchboard.schemas.avro.SendCommand.newBuilder(Records.command(id))
                        .setAccountId(SEARCHED_ACCOUNT).setReference(i % 3 == 0 ? "lost-ref" : "ref-" + i)
                        .setAcceptedAt(Records.at(100 + i)).build());
            }
            producer.flush();
        }
    }

    private static final String SEARCHED_ACCOUNT = "acct-search";
    private static final int SEARCHED = 30;

    @Test
    void anAccountsMessagesArePagedNewestFirstAcrossBothInstancesFromEither() {
        List<String> newestFirst = new java.util.ArrayList<>(searched);
        java.util.Collections.reverse(newestFirst);
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(searchAll(server, "limit=7")).as("from port %d", server.getPort())
                            .isEqualTo(newestFirst));
        }
    }

    @Test
    void aMessageIsFoundByItsReferenceAndOnlyByItsOwnAccount() throws Exception {
        List<String> lost = new java.util.ArrayList<>();
        for (int i = SEARCHED - 1; i >= 0; i--) {
            if (i % 3 == 0) {
                lost.add(searched.get(i));
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(searchAll(second, "reference=lost-ref&limit=4")).isEqualTo(lost));
        HttpResponse<String> otherAccount = get(first, "/internal/accounts/acct-7f3a/messages?reference=lost-ref");
        assertThat(JSON.readTree(otherAccount.body()).get("messages")).isEmpty();
        HttpResponse<String> invalid = get(first, "/internal/accounts/acct-search/messages?limit=0");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("code").asText()).isEqualTo("INVALID_QUERY");
    }

    @Test
    void aBatchLookupAnswersMessagesOfBothInstancesAndNamesTheUnknownOnes() throws Exception {
        List<String> ids = new java.util.ArrayList<>(expected.keySet());
        String unknown = UUID.randomUUID().toString();
        ids.add(unknown);
        String body = JSON.writeValueAsString(Map.of("message_ids", ids));
        for (EmbeddedServer server : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server,
                                "/internal/messages/batch")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode answer = JSON.readTree(response.body());
                Map<String, String> found = new LinkedHashMap<>();
                answer.get("messages").forEach(m -> found.put(m.get("message_id").asText(), m.get("status").asText()));
                assertThat(found).isEqualTo(expected);
                assertThat(answer.get("not_found")).extracting(JsonNode::asText).containsExactly(unknown);
                assertThat(answer.get("unavailable")).isEmpty();
            });
        }
        HttpResponse<String> tooMany = http.send(HttpRequest.newBuilder(uri(first, "/internal/messages/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("message_ids", java.util.Collections.nCopies(101, unknown)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
    }

    @Test
    void aForwardedPartitionSearchOfPartitionsAnInstanceDoesNotOwnIsNotReady() throws Exception {
        KafkaStreams streams = streamsOf(first);
        int notOwnedBySecond = -1;
        for (int p = 0; p < StatusTopology.FACT_PARTITIONS; p++) {
            int fixed = p;
            if (!self(second).equals(streams.queryMetadataForKey(StatusTopology.OUTBOUND_INDEX_STORE, "",
                    (org.apache.kafka.streams.processor.StreamPartitioner<String, Object>) (t, k, v, n) ->
                            java.util.Optional.of(java.util.Set.of(fixed))).activeHost())) {
                notOwnedBySecond = p;
            }
        }

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(second,
                        "/internal/outbound/partitions?account_id=acct-search&partitions=" + notOwnedBySecond))
                .header(PeerForwarder.FORWARDED_HEADER, "1").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
    }

    /** Every page of a search, following the cursor. */
    private List<String> searchAll(EmbeddedServer server, String query) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 50; pages++) {
            HttpResponse<String> response = get(server, "/internal/accounts/" + SEARCHED_ACCOUNT + "/messages?"
                    + query + after);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            page.get("messages").forEach(m -> ids.add(m.get("message_id").asText()));
            JsonNode next = page.get("next");
            if (next.isNull()) {
                return ids;
            }
            after = "&after_ms=" + next.get("accepted_at_ms").asLong() + "&after_id=" + next.get("message_id").asText();
        }
        throw new AssertionError("no last page");
    }

    private static <V extends SpecificRecord> void send(KafkaProducer<String, byte[]> producer, Topic<V> topic,
                                                        String key, V value) {
        byte[] bytes = topic.valueSerde(TestInfra.registryUrl()).serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key, bytes));
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(server, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EmbeddedServer server, String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private static boolean ownsTasks(EmbeddedServer server) {
        KafkaStreams streams = streamsOf(server);
        return streams.state() == KafkaStreams.State.RUNNING && streams.metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static KafkaStreams streamsOf(EmbeddedServer server) {
        return server.getApplicationContext().getBean(ProjectorStreams.class).streams().orElseThrow();
    }

    private static HostInfo self(EmbeddedServer server) {
        return server.getApplicationContext().getBean(ProjectorStreams.class).self().orElseThrow();
    }
}
