package io.switchboard.examples;

/**
 * The part of Switchboard's topic contract a producing or consuming team needs (schemas/README.md, "Topic contract").
 * Copied here on purpose: a team using these examples has no Switchboard jar. The names and the key format are the
 * platform's catalogue ({@code io.switchboard.schemas.Topics}); {@code SwitchboardTopicsTest} keeps them equal.
 */
public final class SwitchboardTopics {

    /** Where send commands go; key {@link #sendCommandKey}, value {@code SendCommand}. */
    public static final String SEND_COMMANDS = "send-commands";
    /** Every message's current status with its timeline (compacted); key messageId, value {@code MessageStatus}. */
    public static final String MESSAGE_STATUS = "message-status";
    /** What the dispatcher did with each message (sent with wamid, failed, expired); key messageId. */
    public static final String MESSAGE_EVENTS = "message-events";
    /** Messages customers sent to a business number; key {@code phoneNumberId:sender}, value {@code InboundMessage}. */
    public static final String INBOUND_MESSAGES = "inbound-messages";
    /** Records of send-commands that failed validation and were never sent; value {@code RejectedCommand}. */
    public static final String REJECTED_COMMANDS = "rejected-commands";

    private SwitchboardTopics() {
    }

    /**
     * The key of a send command. Kafka keeps the order of records with the same key (same partition), so all messages
     * from one business number to one customer are delivered in the order they were produced.
     */
    public static String sendCommandKey(String phoneNumberId, String recipient) {
        return phoneNumberId + ":" + recipient;
    }

    /** The schema-registry subject of a topic's values (Confluent's TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
