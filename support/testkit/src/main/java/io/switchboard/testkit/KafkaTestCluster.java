package io.switchboard.testkit;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka cluster inside the test JVM, built on Kafka's own {@link KafkaClusterTestKit}.
 *
 * <p>Rules: one combined controller+broker (node 0) plus further brokers (1..n-1); internal topics are replicated
 * {@code min(brokers, 3)} times with a minimum ISR of 1, so a cluster keeps working with one broker down; topics are
 * never created automatically ({@code auto.create.topics.enable=false}), so a test that forgets to create its topics
 * fails loudly instead of passing on a one-partition accident. {@link #shared()} is one single-broker cluster per JVM
 * that callers may not close; {@link #start(int)} is a fresh cluster the caller closes.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestCluster.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(60);
    private static KafkaTestCluster shared;

    private final KafkaClusterTestKit cluster;
    private final int brokerCount;
    private final String bootstrapServers;
    private final TopicCreator topics;
    private final boolean isShared;
    private boolean closed;

    private KafkaTestCluster(KafkaClusterTestKit cluster, int brokerCount, boolean isShared) {
        this.cluster = cluster;
        this.brokerCount = brokerCount;
        // Ports survive broker restarts (the kit pre-binds them), so the list computed now stays valid.
        this.bootstrapServers = cluster.bootstrapServers();
        this.topics = new TopicCreator(bootstrapServers, replicationFactor(brokerCount));
        this.isShared = isShared;
    }

    /** The JVM-wide single-broker cluster, started on first use and stopped by a shutdown hook. */
    public static synchronized KafkaTestCluster shared() {
        if (shared == null) {
            KafkaTestCluster cluster = launch(1, true);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown, "kafka-test-cluster-shutdown"));
            shared = cluster;
        }
        return shared;
    }

    /** A fresh cluster of {@code brokers} brokers (1 controller, combined with broker 0); close it yourself. */
    public static KafkaTestCluster start(int brokers) {
        return launch(brokers, false);
    }

    private static KafkaTestCluster launch(int brokers, boolean isShared) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one broker, got " + brokers);
        }
        long started = System.nanoTime();
        short replication = replicationFactor(brokers);
        KafkaClusterTestKit kit = null;
        try {
            // Our own directory rather than the kit's default, which Kafka deletes from a JVM shutdown hook of its
            // own: racing the broker's shutdown in our hook, that deletion can make the broker halt the JVM.
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(Files.createTempDirectory("kafka-test-cluster-"))
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerConfig(replication).forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            KafkaTestCluster cluster = new KafkaTestCluster(kit, brokers, isShared);
            LOG.info("Kafka test cluster with {} broker(s) ready at {} in {} ms", brokers, cluster.bootstrapServers,
                    (System.nanoTime() - started) / 1_000_000);
            return cluster;
        } catch (Exception e) {
            closeQuietly(kit);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka test cluster with " + brokers + " broker(s) failed to start", e);
        }
    }

    /**
     * Broker settings as strings: Kafka parses each to its declared type (several are shorts). A restarted broker can
     * only register once the controller has expired its previous session, hence the short session timeout (4 s
     * instead of 9 s) with frequent heartbeats.
     */
    static Map<String, String> brokerConfig(short replication) {
        String rf = Short.toString(replication);
        return Map.ofEntries(
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("offsets.topic.replication.factor", rf),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", rf),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", rf),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"));
    }

    static short replicationFactor(int brokers) {
        return (short) Math.min(brokers, 3);
    }

    /** {@code host:port,...} of every broker; stays valid across {@link #stopBroker}/{@link #restartBroker}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker node ids: {@code 0..brokers-1}. */
    public Set<Integer> brokerIds() {
        return new TreeSet<>(cluster.brokers().keySet());
    }

    /**
     * Creates a topic with {@code min(brokers, 3)} replicas (compacted or deleting) and waits until every partition
     * has a leader. Idempotent: an existing topic is left as it is.
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        topics.create(name, partitions, compacted);
    }

    /** Stops one broker (controlled shutdown); its partitions move to the others. */
    public void stopBroker(int id) {
        BrokerServer broker = broker(id);
        broker.shutdown();
        broker.awaitShutdown();
        LOG.info("Kafka test broker {} stopped", id);
    }

    /** Starts a stopped broker again on the same port and waits until the cluster lists it again. */
    public void restartBroker(int id) {
        BrokerServer broker = broker(id);
        broker.startup();
        topics.awaitBrokerListed(id, BROKER_TIMEOUT);
        LOG.info("Kafka test broker {} restarted", id);
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + "; brokers are " + brokerIds());
        }
        return broker;
    }

    /** Number of brokers the cluster was started with. */
    public int brokerCount() {
        return brokerCount;
    }

    /** Stops the cluster and deletes its files; a no-op on the {@link #shared()} cluster, which the JVM owns. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        shutdown();
    }

    private synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        topics.close();
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        if (kit == null) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            LOG.warn("Kafka test cluster did not close cleanly", e);
        }
    }
}
