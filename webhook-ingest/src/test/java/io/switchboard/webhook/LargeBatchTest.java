package io.switchboard.webhook;

import static io.switchboard.webhook.DeduplicationEndpointTest.mentioning;
import static io.switchboard.webhook.DeduplicationEndpointTest.on;
import static io.switchboard.webhook.DeduplicationEndpointTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.WebhookPayload;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.webhook.TopicReader.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Meta's largest batches (1,000 updates in one POST) over real HTTP, against the real broker, registry and Redis:
 * every update is published once, the raw body is archived, duplicates within and across batches are dropped, and
 * changes of fields we do not model are acknowledged and kept raw. The POST's time is printed, never asserted
 * (the README records the figures).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeBatchTest {

    private EmbeddedServer app;
    private TopicReader reader;

    @BeforeAll
    void start() {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        // Correctness, not timing: on a loaded test machine the 500 ms default could let a claim time out and the
        // POST be published without deduplication (the documented fail-open), which is not what is tested here.
        app = TestServices.startApp(bootstrap, Map.of("switchboard.webhook.dedup-timeout", "10s"));
        reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS);
    }

    @AfterAll
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void thousandStatusesInOnePostAreAllPublishedAndTheBodyArchived() throws Exception {
        String run = run();
        byte[] body = Payloads.manyStatuses(run, IntStream.range(0, 1000).boxed().toList());

        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);

        List<Received> mine = mentioning(reader.readFor(Duration.ofMillis(500)), run);
        assertThat(on(mine, Topics.STATUS_UPDATES.name())).extracting(Received::key)
                .hasSize(1000).doesNotHaveDuplicates()
                .contains("wamid." + run + "-B0", "wamid." + run + "-B999");
        assertThat(on(mine, Topics.WEBHOOK_PAYLOADS.name())).singleElement()
                .satisfies(r -> assertThat(((WebhookPayload) r.value()).getBody())
                        .isEqualTo(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void duplicatesWithinAndAcrossThousandUpdateBatchesAreDropped() throws Exception {
        String run = run();
        List<Integer> first = new ArrayList<>(IntStream.range(0, 1000).boxed().toList());
        // The second batch: 500 updates of the first again, 400 new ones, and 100 of those new ones twice.
        List<Integer> second = new ArrayList<>(IntStream.range(500, 1400).boxed().toList());
        second.addAll(IntStream.range(1000, 1100).boxed().toList());
        Collections.shuffle(second);

        assertThat(TestServices.postSigned(app, Payloads.manyStatuses(run, first)).statusCode()).isEqualTo(200);
        assertThat(TestServices.postSigned(app, Payloads.manyStatuses(run, second)).statusCode()).isEqualTo(200);

        List<Received> mine = mentioning(reader.readFor(Duration.ofMillis(500)), run);
        assertThat(on(mine, Topics.STATUS_UPDATES.name())).extracting(Received::key)
                .hasSize(1400).doesNotHaveDuplicates();
        assertThat(on(mine, Topics.WEBHOOK_PAYLOADS.name())).hasSize(2);
    }

    @Test
    void mixedBatchOverSeveralEntriesAndChangesPublishesEveryUpdateOnceAndKeepsUnknownFieldsRaw() throws Exception {
        String run = run();
        byte[] body = Payloads.mixed(run);

        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);

        List<Received> mine = mentioning(reader.readFor(Duration.ofMillis(500)), run);
        assertThat(on(mine, Topics.STATUS_UPDATES.name())).extracting(Received::key)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, Payloads.MIXED_STATUSES)
                        .mapToObj(i -> "wamid." + run + "-MS" + i).toList());
        List<InboundMessage> inbound = on(mine, Topics.INBOUND_MESSAGES.name()).stream()
                .map(r -> (InboundMessage) r.value()).toList();
        assertThat(inbound).extracting(InboundMessage::getWamid)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, Payloads.MIXED_MESSAGES)
                        .mapToObj(i -> "wamid." + run + "-MM" + i).toList());
        assertThat(inbound).filteredOn(m -> m.getType().equals("gizmo")).singleElement()
                .satisfies(m -> assertThat(m.getRawJson()).contains("\"gizmo\":{\"spin\":3}"));
        List<Received> archives = on(mine, Topics.WEBHOOK_PAYLOADS.name());
        assertThat(archives).hasSize(2).allSatisfy(r -> assertThat(((WebhookPayload) r.value()).getBody())
                .contains("\"field\":\"brand_new_field\"", "\"field\":\"account_update\"")
                .isEqualTo(new String(body, StandardCharsets.UTF_8)));
    }

    /**
     * Not a benchmark: ten 1,000-status POSTs one after the other, after two to warm up, with their times printed
     * for the README. The test asserts only that every one was accepted.
     */
    @Test
    void thousandUpdatePostsAreAcceptedAndTheirTimesReported() throws Exception {
        List<Long> millis = new ArrayList<>();
        io.micrometer.core.instrument.Timer published = app.getApplicationContext()
                .getBean(io.micrometer.core.instrument.MeterRegistry.class).get("switchboard.webhook.publish.latency")
                .tag("outcome", "acked").timer();
        double publishedBefore = 0;
        long countBefore = 0;
        for (int i = 0; i < 12; i++) {
            if (i == 2) {
                publishedBefore = published.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
                countBefore = published.count();
            }
            byte[] body = Payloads.manyStatuses(run(), IntStream.range(0, 1000).boxed().toList());
            long started = System.nanoTime();
            assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
            if (i >= 2) {
                millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("1,000-status POST (%d bytes), ms over %d POSTs: min %d, median %d, max %d, all %s%n",
                Payloads.manyStatuses(run(), IntStream.range(0, 1000).boxed().toList()).length, sorted.size(),
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
        System.out.printf("of which Kafka (records handed to the producer until all acknowledged): mean %.0f ms%n",
                (published.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - publishedBefore)
                        / Math.max(1, published.count() - countBefore));
    }
}
