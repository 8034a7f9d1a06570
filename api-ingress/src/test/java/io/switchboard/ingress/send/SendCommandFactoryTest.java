package io.switchboard.ingress.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.auth.Caller;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SendCommandFactoryTest {

    private static final Instant NOW = Instant.parse("2025-12-19T10:00:00Z");

    @Test
    void buildsATextCommandFromTheCallersAccount() {
        ApiKey key = ApiKey.newBuilder().setKeyId("0123456789abcdef").setKeyHash("h").setKeyPrefix("pk_live_a1b2")
                .setName("n").setAccountId("acct-1").setPermissions(List.of(Permission.SEND_TEXT))
                .setCreatedAt(NOW).build();
        Account account = Account.newBuilder().setAccountId("acct-1").setName("Acme").setWabaId("w")
                .setPhoneNumberId("106540352242922").setCreatedAt(NOW).build();
        UUID id = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

        SendCommand command = new SendCommandFactory(Duration.ofHours(24)).text(id, new Caller(key), account,
                new TextMessageRequest("+919876543210", "Hello!", "ref-1"), NOW);

        assertThat(command.getMessageId()).isEqualTo(id.toString());
        assertThat(command.getAccountId()).isEqualTo("acct-1");
        assertThat(command.getPhoneNumberId()).isEqualTo("106540352242922");
        assertThat(command.getRecipient()).isEqualTo("+919876543210");
        assertThat(command.getKind()).isEqualTo(MessageKind.TEXT);
        assertThat(command.getText().getBody()).isEqualTo("Hello!");
        assertThat(command.getText().getPreviewUrl()).isFalse();
        assertThat(command.getReference()).isEqualTo("ref-1");
        assertThat(command.getApiKeyId()).isEqualTo("0123456789abcdef");
        assertThat(command.getAcceptedAt()).isEqualTo(NOW);
        assertThat(command.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(command.getSource()).isEqualTo("api");
        assertThat(command.getTemplate()).isNull();
    }
}
