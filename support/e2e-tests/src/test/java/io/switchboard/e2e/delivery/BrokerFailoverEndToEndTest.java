package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Three brokers, send-commands with three replicas and {@code min.insync.replicas=2}, a producer configured like the
 * ingress's (acks=all, idempotent) writing under load while the broker leading send-commands partition 0 is stopped.
 * Every command Kafka acknowledged reaches the simulator (nothing acknowledged is lost), and any duplicate send is
 * one the dispatcher counted. Commands not acknowledged are what the ingress would have answered 503 to.
 */
class BrokerFailoverEndToEndTest {

    private static final int MESSAGES = 2_000;
    private static final int PER_TICK = 20;

    @Test
    void everyAcknowledgedCommandIsDeliveredWhileTheLeaderOfSendCommandsIsStopped() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.SEND_COMMANDS.name(), Topics.SEND_COMMANDS.partitions(),
                    (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
            try (DeliveryRig rig = new DeliveryRig(kafka, (short) 3,
                    Map.of("simulator.faults.plan", "{\"pair_rate\":{\"enabled\":false}}"),
                    Map.of("switchboard.cloud-api.request-timeout", "30s"))) {
                IsolatedDispatcher dispatcher = rig.startDispatcher(Map.of());
                int leader = admin.describeTopics(List.of(Topics.SEND_COMMANDS.name())).allTopicNames().get()
                        .get(Topics.SEND_COMMANDS.name()).partitions().get(0).leader().id();

                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicInteger refused = new AtomicInteger();
                AtomicInteger produced = new AtomicInteger();
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                KafkaProducer<String, SendCommand> producer = rig.ingressProducer();
                try {
                    // 400 commands a second, like a busy ingress, over five seconds.
                    ticker.scheduleAtFixedRate(() -> {
                        for (int i = 0; i < PER_TICK && produced.get() < MESSAGES; i++) {
                            int n = produced.getAndIncrement();
                            SendCommand command = DeliveryRig.text("acc_e2e_failover", "10900000000" + (2000 + n % 10),
                                    "+4477008" + String.format("%05d", n), "Your ticket #" + n + " is confirmed", null);
                            producer.send(DeliveryRig.record(command), (metadata, failure) -> {
                                if (failure == null) {
                                    acknowledged.add(command.getMessageId());
                                } else {
                                    refused.incrementAndGet();
                                }
                            });
                        }
                    }, 0, 50, TimeUnit.MILLISECONDS);
                    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= MESSAGES / 3);
                    kafka.stopBroker(leader);
                    await().atMost(Duration.ofSeconds(60)).until(() -> produced.get() >= MESSAGES);
                } finally {
                    ticker.shutdown();
                    ticker.awaitTermination(10, TimeUnit.SECONDS);
                    producer.close(Duration.ofSeconds(15));
                }

                await().atMost(Duration.ofSeconds(90)).until(() -> rig.events.terminalCount(acknowledged)
                        == acknowledged.size());
                assertThat(acknowledged).allSatisfy(id -> assertThat(rig.events.terminal(id).getType())
                        .isEqualTo(MessageEventType.SENT));
                Map<String, Integer> accepted = rig.simulator.acceptedByMessageId(20_000);
                assertThat(accepted.keySet()).as("every acknowledged command reached WhatsApp").containsAll(acknowledged);
                long duplicates = accepted.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("failover test: broker %d (leader of send-commands-0) stopped; %d acknowledged, %d "
                        + "refused; %d duplicate sends, %.0f counted%n", leader, acknowledged.size(), refused.get(),
                        duplicates, dispatcher.counter("dispatcher.possible.duplicates"));
                assertThat(acknowledged.size() + refused.get()).isEqualTo(MESSAGES);
                assertThat(acknowledged.size()).isGreaterThan(MESSAGES / 2);
                assertThat(duplicates).isLessThanOrEqualTo((long) dispatcher.counter("dispatcher.possible.duplicates"));
                kafka.restartBroker(leader);
            }
        }
    }
}
