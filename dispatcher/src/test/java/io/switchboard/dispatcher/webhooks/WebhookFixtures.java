package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.InboundReply;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.crypto.SecretCipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Realistic records for the customer-webhook tests: accounts, endpoints, projected statuses, inbound messages. */
final class WebhookFixtures {

    static final String MASTER_KEY = "q4b0Vd6Z1Q3n9XcT2yLm8fPzR5wK7hJsA0eUiGoBtMc=";

    private WebhookFixtures() {
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    static Account account(String accountId, String phoneNumberId) {
        return Account.newBuilder().setAccountId(accountId).setName("Acme " + accountId).setWabaId("102290129340398")
                .setPhoneNumberId(phoneNumberId).setDisplayPhoneNumber("14155551234").setCreatedAt(Instant.now())
                .build();
    }

    static WebhookEndpoint endpoint(String accountId, String url, String secret, List<String> events) {
        Instant now = Instant.now();
        return WebhookEndpoint.newBuilder().setEndpointId("we_" + UUID.randomUUID().toString().replace("-", ""))
                .setAccountId(accountId).setUrl(url)
                .setEncryptedSecret(SecretCipher.fromBase64(MASTER_KEY).encrypt(secret)).setEvents(events)
                .setEnabled(true).setEnabledAt(now).setCreatedAt(now).setUpdatedAt(now).build();
    }

    /** The projector's record for a message that went through {@code states}, in order. */
    static MessageStatus status(String accountId, String messageId, MessageState... states) {
        List<StatusTransition> timeline = new ArrayList<>();
        Instant at = Instant.parse("2025-12-23T14:30:00Z");
        for (MessageState state : states) {
            timeline.add(StatusTransition.newBuilder().setStatus(state).setAt(at).setSource("whatsapp").build());
            at = at.plusSeconds(1);
        }
        return MessageStatus.newBuilder().setMessageId(messageId).setStatus(states[states.length - 1])
                .setAccountId(accountId).setPhoneNumberId("106540352242922").setRecipient("+919876543210")
                .setReference("order-789").setWamid("wamid.HBgM" + messageId.substring(0, 8))
                .setUpdatedAt(at).setTimeline(timeline).build();
    }

    /** What webhook-ingest writes for seed 003's template quick-reply button. */
    static InboundMessage buttonReply(String phoneNumberId) {
        String raw = "{\"context\":{\"from\":\"14155551234\",\"id\":\"wamid.context001\"},\"from\":\"919876543210\","
                + "\"id\":\"wamid.xyz123\",\"timestamp\":\"1766500500\",\"type\":\"button\","
                + "\"button\":{\"text\":\"Confirm\",\"payload\":\"confirm_order_12345\"}}";
        return inbound(phoneNumberId, "wamid.xyz123", "button", raw).setReply(InboundReply.newBuilder()
                .setKind("button").setTitle("Confirm").setPayload("confirm_order_12345").build())
                .setContextWamid("wamid.context001").build();
    }

    /** What webhook-ingest writes for seed 003's list reply. */
    static InboundMessage listReply(String phoneNumberId) {
        String raw = "{\"from\":\"919876543210\",\"id\":\"wamid.abc456\",\"timestamp\":\"1766500500\","
                + "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\","
                + "\"list_reply\":{\"id\":\"prod_laptop_001\",\"title\":\"Laptop Pro 15\"}}}";
        return inbound(phoneNumberId, "wamid.abc456", "interactive", raw).setReply(InboundReply.newBuilder()
                .setKind("list_reply").setId("prod_laptop_001").setTitle("Laptop Pro 15").build()).build();
    }

    private static InboundMessage.Builder inbound(String phoneNumberId, String wamid, String type, String raw) {
        return InboundMessage.newBuilder().setWamid(wamid).setPhoneNumberId(phoneNumberId)
                .setDisplayPhoneNumber("14155551234").setFrom("+919876543210").setProfileName("Priya")
                .setSentAt(Instant.parse("2025-12-23T14:35:00Z")).setReceivedAt(Instant.parse("2025-12-23T14:35:01Z"))
                .setType(type).setRawJson(raw);
    }
}
