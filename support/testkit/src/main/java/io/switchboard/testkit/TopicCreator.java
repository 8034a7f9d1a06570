package io.switchboard.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on a test cluster and answers "is it usable yet". Rule: creation is idempotent (an existing topic is
 * kept as it is) and returns only once every partition has a leader, so the first produce never waits on metadata.
 */
final class TopicCreator implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 50;

    private final String bootstrapServers;
    private final short replicationFactor;
    private Admin admin;

    TopicCreator(String bootstrapServers, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    synchronized void create(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin().createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw failure("cannot create topic " + name, e);
        }
        awaitLeaders(name);
    }

    private void awaitLeaders(String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin().describeTopics(List.of(name)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                // The topic may not be in the metadata of the broker we asked yet: ask again.
            } catch (Exception e) {
                throw failure("cannot describe topic " + name, e);
            }
            pause(deadline, "topic " + name + " lacks a partition leader after " + TIMEOUT.toSeconds() + " s");
        }
    }

    synchronized void awaitBrokerListed(int id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean listed = admin().describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .stream().anyMatch(node -> node.id() == id);
                if (listed) {
                    return;
                }
            } catch (ExecutionException e) {
                // A broker that is coming back may refuse the first requests: ask again.
            } catch (Exception e) {
                throw failure("cannot describe the cluster", e);
            }
            pause(deadline, "broker " + id + " did not rejoin the cluster within " + timeout.toSeconds() + " s");
        }
    }

    private static void pause(long deadline, String timeoutMessage) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(timeoutMessage);
        }
        try {
            Thread.sleep(POLL_MS); // infrastructure polling, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting: " + timeoutMessage, e);
        }
    }

    private static IllegalStateException failure(String message, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException(message, e);
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "kafka-test-cluster-admin"));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
