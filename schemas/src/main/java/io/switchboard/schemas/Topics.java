package io.switchboard.schemas;

import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import io.switchboard.schemas.avro.RejectedCommand;
import io.switchboard.schemas.avro.RetryCommand;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.WebhookAttempt;
import io.switchboard.schemas.avro.WebhookDelivery;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import io.switchboard.schemas.avro.WebhookPayload;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import java.time.Duration;
import java.util.List;

/**
 * The topic catalogue: every topic Switchboard reads or writes, with its key, value schema, partitions and retention.
 * No topic name appears anywhere else in the code base.
 *
 * <p>Keys decide ordering. Send commands are keyed by {@code phoneNumberId:recipient}, so messages from one business
 * number to one customer stay in one partition and are delivered in the order they were accepted; everything about a
 * message afterwards is keyed by its message id, and WhatsApp's statuses by the WhatsApp message id (wamid).
 */
public final class Topics {

    /** Partitions of the high-volume topics; the unit of parallelism for dispatchers and projector instances. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Meta posts webhook bodies of up to 3 MB; the archive must take them whole even when they compress badly. */
    private static final int WEBHOOK_PAYLOAD_MAX_BYTES = 5 * 1024 * 1024;

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    public static final Topic<SendCommand> SEND_COMMANDS = new Topic<>("send-commands", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, WEEK, SendCommand.class,
            "Messages accepted for delivery; key phoneNumberId:recipient. Written by api-ingress and internal services.");

    public static final Topic<MessageEvent> MESSAGE_EVENTS = new Topic<>("message-events", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, WEEK, MessageEvent.class,
            "What the dispatcher did with each message (sent with wamid, failed, expired); key messageId.");

    public static final Topic<StatusUpdate> STATUS_UPDATES = new Topic<>("status-updates", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, WEEK, StatusUpdate.class,
            "WhatsApp's status webhooks, one record per statuses[] entry; key wamid.");

    public static final Topic<InboundMessage> INBOUND_MESSAGES = new Topic<>("inbound-messages", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, MONTH, InboundMessage.class,
            "Messages customers sent to business numbers; key phoneNumberId:sender.");

    public static final Topic<MessageStatus> MESSAGE_STATUS = new Topic<>("message-status", DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT, MONTH, MessageStatus.class,
            "The projected status of every message with its timeline (changelog of the projector); key messageId.");

    public static final Topic<ApiKey> API_KEYS = new Topic<>("api-keys", 1, CleanupPolicy.COMPACT, MONTH,
            ApiKey.class,
            "API key configuration (hashed keys, encrypted secrets); key keyId; deleted keys stay as inactive markers.");

    public static final Topic<Account> ACCOUNTS = new Topic<>("accounts", 1, CleanupPolicy.COMPACT, MONTH,
            Account.class, "Connected WhatsApp Business accounts and their sending numbers; key accountId.");

    public static final Topic<PhoneNumber> PHONE_NUMBERS = new Topic<>("phone-numbers", 1, CleanupPolicy.COMPACT,
            MONTH, PhoneNumber.class,
            "Which account owns each business phone number; key phoneNumberId; tombstone releases it.");

    public static final Topic<Template> TEMPLATES = new Topic<>("templates", 1, CleanupPolicy.COMPACT, MONTH,
            Template.class, "Message templates synchronised from the Cloud API; key accountId:name:language.");

    public static final Topic<RetryCommand> SEND_COMMANDS_RETRY = new Topic<>("send-commands-retry",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, RetryCommand.class,
            "Send commands waiting for their next attempt; key as send-commands.");

    public static final Topic<DeadLetter> SEND_COMMANDS_DLQ = new Topic<>("send-commands-dlq", 1,
            CleanupPolicy.DELETE, MONTH, DeadLetter.class,
            "Send commands that exhausted their attempts, with every attempt; key as send-commands.");

    public static final Topic<RejectedCommand> REJECTED_COMMANDS = new Topic<>("rejected-commands", 1,
            CleanupPolicy.DELETE, MONTH, RejectedCommand.class,
            "Records on send-commands that failed validation and were never sent, with the reason.");

    public static final Topic<WebhookPayload> WEBHOOK_PAYLOADS = new Topic<>("webhook-payloads", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, WEEK, WebhookPayload.class,
            "Every signed webhook body exactly as received, for audit and replay; key request id.",
            WEBHOOK_PAYLOAD_MAX_BYTES);

    public static final Topic<WebhookEndpoint> WEBHOOK_ENDPOINTS = new Topic<>("webhook-endpoints", 1,
            CleanupPolicy.COMPACT, MONTH, WebhookEndpoint.class,
            "Customer webhook endpoints (URL, encrypted secret, events); key endpointId. Written by api-ingress.");

    public static final Topic<WebhookEndpointHealth> WEBHOOK_ENDPOINT_HEALTH = new Topic<>("webhook-endpoint-health",
            1, CleanupPolicy.COMPACT, MONTH, WebhookEndpointHealth.class,
            "Delivery state of each customer webhook endpoint; key endpointId. Written by the dispatcher.");

    /** Co-partitioned with message-status and inbound-messages: same key, same partition count. */
    public static final Topic<WebhookDelivery> WEBHOOK_DELIVERIES = new Topic<>("webhook-deliveries",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, WebhookDelivery.class,
            "Customer webhook events, one per endpoint, and replays; key = the source record's key.");

    /** Co-partitioned with webhook-deliveries, so one consumer owns a key's fresh and parked events. */
    public static final Topic<WebhookDelivery> WEBHOOK_RETRIES = new Topic<>("webhook-retries",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, WebhookDelivery.class,
            "Customer webhook events parked after a failed attempt, retried on a schedule; key as webhook-deliveries.");

    public static final Topic<WebhookAttempt> WEBHOOK_ATTEMPTS = new Topic<>("webhook-attempts", DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE, WEEK, WebhookAttempt.class,
            "Delivery log: every customer webhook attempt (time, HTTP status, latency, error); key webhookId.");

    private static final List<Topic<?>> ALL = List.of(SEND_COMMANDS, MESSAGE_EVENTS, STATUS_UPDATES,
            INBOUND_MESSAGES, MESSAGE_STATUS, API_KEYS, ACCOUNTS, PHONE_NUMBERS, TEMPLATES, SEND_COMMANDS_RETRY,
            SEND_COMMANDS_DLQ, REJECTED_COMMANDS, WEBHOOK_PAYLOADS, WEBHOOK_ENDPOINTS, WEBHOOK_ENDPOINT_HEALTH, WEBHOOK_DELIVERIES,
            WEBHOOK_RETRIES, WEBHOOK_ATTEMPTS);

    static {
        TrustedAvroClasses.install();
    }

    private Topics() {
    }

    /** Every topic of the catalogue. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The key of a send command: one partition per (business number, recipient) conversation. */
    public static String sendCommandKey(String phoneNumberId, String recipient) {
        return phoneNumberId + ":" + recipient;
    }

    /** The key of an inbound message: the conversation it belongs to. */
    public static String inboundKey(String phoneNumberId, String from) {
        return phoneNumberId + ":" + from;
    }

    /** The key of a template: one record per account, name and language. */
    public static String templateKey(String accountId, String name, String language) {
        return accountId + ":" + name + ":" + language;
    }
}
