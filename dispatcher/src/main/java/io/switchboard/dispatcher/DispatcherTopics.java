package io.switchboard.dispatcher;

import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The topics the delivery pipeline needs before it starts: created when missing, the value schemas it writes
 * registered (so the first outcome never waits on the registry, and a refused schema stops start-up), and
 * send-commands-retry checked to have a partition for every send-commands partition.
 */
final class DispatcherTopics {

    private static final List<Topic<?>> TOPICS = List.of(Topics.SEND_COMMANDS, Topics.SEND_COMMANDS_RETRY,
            Topics.MESSAGE_EVENTS, Topics.SEND_COMMANDS_DLQ, Topics.ACCOUNTS, Topics.PHONE_NUMBERS,
            Topics.REJECTED_COMMANDS);

    private DispatcherTopics() {
    }

    static void prepare(KafkaClientSettings kafka) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner.ensureTopics(admin, TOPICS, kafka.replicationFactor());
            requireParkingPartitions(admin);
        }
        Topics.MESSAGE_EVENTS.registerValueSchema(kafka.registryUrl());
        Topics.SEND_COMMANDS_DLQ.registerValueSchema(kafka.registryUrl());
        Topics.SEND_COMMANDS_RETRY.registerValueSchema(kafka.registryUrl());
        Topics.REJECTED_COMMANDS.registerValueSchema(kafka.registryUrl());
    }

    /** A message of send-commands partition n is parked on send-commands-retry partition n: it must exist. */
    private static void requireParkingPartitions(Admin admin) {
        try {
            var topics = admin.describeTopics(List.of(Topics.SEND_COMMANDS.name(), Topics.SEND_COMMANDS_RETRY.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            int fresh = topics.get(Topics.SEND_COMMANDS.name()).partitions().size();
            int parked = topics.get(Topics.SEND_COMMANDS_RETRY.name()).partitions().size();
            if (parked < fresh) {
                throw new IllegalStateException(Topics.SEND_COMMANDS_RETRY.name() + " has " + parked
                        + " partitions but " + Topics.SEND_COMMANDS.name() + " has " + fresh
                        + ": add partitions to it so that every send-commands partition has its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the send-commands topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the send-commands topics: " + e, e);
        }
    }
}
