package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static io.switchboard.registry.CompatibilityCheckerTest.WITH_OPTIONAL_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Several registries over one topic, and registries restarted over a topic that already holds schemas. */
class MultiInstanceRegistryTest {

    private static RegistrySettings settings(String topic) {
        return RegistrySettings.of(KafkaTestCluster.shared().bootstrapServers()).withTopic(topic);
    }

    private static String topic() {
        return "_schemas-multi-" + UUID.randomUUID();
    }

    /** A distinct, valid schema per number. */
    private static String schema(int n) {
        return "{\"type\":\"record\",\"name\":\"R" + n + "\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
    }

    @Test
    void restartedRegistryKeepsItsSchemasIdsAndVersions() {
        String topic = topic();
        int first;
        int second;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(settings(topic))) {
            RegistryHttp http = new RegistryHttp(registry.url());
            first = http.register("orders-value", V1).id();
            second = http.register("orders-value", WITH_OPTIONAL_NOTE).id();
            http.delete("/subjects/orders-value/versions/1");
        }

        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(settings(topic))) {
            RegistryHttp http = new RegistryHttp(restarted.url());
            assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[2]");
            assertThat(http.get("/subjects/orders-value/versions/latest").json().path("id").asInt()).isEqualTo(second);
            assertThat(http.get("/schemas/ids/" + first).status()).isEqualTo(200);
            assertThat(http.register("payments-value", schema(1)).id()).isGreaterThan(second);
        }
    }

    @Test
    void twoInstancesOnOneTopicShareIdsAndVersions() {
        String topic = topic();
        try (EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(settings(topic));
             EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(settings(topic))) {
            RegistryHttp httpA = new RegistryHttp(a.url());
            RegistryHttp httpB = new RegistryHttp(b.url());

            int v1 = httpA.register("shared-value", V1).id();
            assertThat(httpB.get("/schemas/ids/" + v1).status()).isEqualTo(200);
            assertThat(httpB.register("shared-value", V1).id()).isEqualTo(v1);
            int v2 = httpB.register("shared-value", WITH_OPTIONAL_NOTE).id();
            int other = httpA.register("other-value", schema(7)).id();

            assertThat(List.of(v1, v2, other)).doesNotHaveDuplicates();
            assertThat(httpA.get("/subjects/shared-value/versions").body()).isEqualTo("[1,2]");
            assertThat(httpA.get("/subjects/shared-value/versions/2").json().path("id").asInt()).isEqualTo(v2);
            assertThat(httpB.get("/subjects/other-value/versions/1").json().path("id").asInt()).isEqualTo(other);
        }
    }

    @Test
    void concurrentRegistrationsOnTwoInstancesNeverShareAnIdOrVersion() throws Exception {
        String topic = topic();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(settings(topic));
             EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(settings(topic))) {
            List<RegistryHttp> instances = List.of(new RegistryHttp(a.url()), new RegistryHttp(b.url()));
            instances.get(0).put("/config", "{\"compatibility\":\"NONE\"}");
            List<CompletableFuture<Integer>> ids = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                RegistryHttp via = instances.get(n % 2);
                String schema = schema(n);
                ids.add(CompletableFuture.supplyAsync(() -> via.register("race-value", schema).id(), pool));
            }

            Map<Integer, Integer> idBySchema = new HashMap<>();
            for (int n = 0; n < ids.size(); n++) {
                idBySchema.put(n, ids.get(n).get());
            }

            assertThat(idBySchema.values()).doesNotContain(-1).doesNotHaveDuplicates();
            for (RegistryHttp http : instances) {
                // The other instance's last writes reach this one's reader a moment later.
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(http.get("/subjects/race-value/versions").body())
                                .isEqualTo("[1,2,3,4,5,6,7,8,9,10,11,12]"));
                for (Map.Entry<Integer, Integer> entry : idBySchema.entrySet()) {
                    assertThat(http.get("/schemas/ids/" + entry.getValue()).json().path("schema").asText())
                            .isEqualTo(new org.apache.avro.Schema.Parser().parse(schema(entry.getKey())).toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
