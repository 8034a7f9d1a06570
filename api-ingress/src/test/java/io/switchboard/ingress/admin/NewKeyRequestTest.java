package io.switchboard.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewKeyRequestTest {

    private static final Instant NOW = Instant.parse("2025-12-19T10:00:00Z");

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    @Test
    void theSeedDefaultsApplyWhenOptionalFieldsAreAbsentOrNull() throws Exception {
        NewKeyRequest request = NewKeyRequest.from(body("""
                {"name":"Production Order Notifications","account_id":"acme","description":null,
                 "permissions":["send_text","send_template","send_text"],"expires_at":null}"""), NOW);

        assertThat(request.permissions()).containsExactly(Permission.SEND_TEXT, Permission.SEND_TEMPLATE);
        assertThat(request.rateLimit()).isEqualTo(60);
        assertThat(request.dailyLimit()).isEqualTo(5000);
        assertThat(request.expiresAt()).isNull();
        assertThat(request.description()).isNull();
        assertThat(request.requireSignature()).isFalse();
    }

    @Test
    void everyFieldIsRead() throws Exception {
        NewKeyRequest request = NewKeyRequest.from(body("""
                {"name":"n","description":"d","account_id":"acme.eu_1","permissions":["send_text","send_template",
                 "send_media","view_templates","view_messages"],"rate_limit":100000,"daily_limit":10000000,
                 "expires_at":"2026-01-31T05:30:00+05:30","require_signature":true}"""), NOW);

        assertThat(request.permissions()).containsExactly(Permission.values());
        assertThat(request.rateLimit()).isEqualTo(100_000);
        assertThat(request.dailyLimit()).isEqualTo(10_000_000);
        assertThat(request.expiresAt()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(request.requireSignature()).isTrue();
        assertThat(List.of(request.name(), request.description(), request.accountId()))
                .containsExactly("n", "d", "acme.eu_1");
    }
}
