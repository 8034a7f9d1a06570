package io.switchboard.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.BootstrapConfiguration;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BootstrapRecordsTest {

    private static final String KEY = "pk_live_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
    private static final Instant T0 = Instant.parse("2025-12-19T10:00:00Z");

    private static BootstrapConfiguration config() {
        BootstrapConfiguration config = new BootstrapConfiguration();
        config.setApiKey(KEY);
        config.setRateLimitPerMinute(120);
        return config;
    }

    @Test
    void theKeyRecordIsAddressedByItsHashAndHasEveryPermission() {
        ApiKey key = BootstrapRecords.apiKey(config(), T0);
        String hash = ApiKeyHashes.sha256Hex(KEY);

        assertThat(key.getKeyHash()).isEqualTo(hash).hasSize(64);
        assertThat(key.getKeyId()).isEqualTo(hash.substring(0, 16));
        assertThat(key.getKeyPrefix()).isEqualTo("pk_live_a1b2");
        assertThat(key.getPermissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(key.getAccountId()).isEqualTo("demo");
        assertThat(key.getRateLimitPerMinute()).isEqualTo(120);
        assertThat(key.getActive()).isTrue();
    }

    @Test
    void recordsDifferingOnlyInCreationTimeAreTheSame() {
        assertThat(BootstrapRecords.sameKey(BootstrapRecords.apiKey(config(), T0),
                BootstrapRecords.apiKey(config(), T0.plusSeconds(60)))).isTrue();
        assertThat(BootstrapRecords.sameAccount(BootstrapRecords.account(config(), T0),
                BootstrapRecords.account(config(), T0.plusSeconds(60)))).isTrue();
    }

    @Test
    void aChangedLimitOrAMissingRecordIsRepublished() {
        BootstrapConfiguration changed = config();
        changed.setRateLimitPerMinute(10);
        Account account = BootstrapRecords.account(config(), T0);

        assertThat(BootstrapRecords.sameKey(BootstrapRecords.apiKey(config(), T0),
                BootstrapRecords.apiKey(changed, T0))).isFalse();
        assertThat(BootstrapRecords.sameKey(null, BootstrapRecords.apiKey(config(), T0))).isFalse();
        assertThat(BootstrapRecords.sameAccount(null, account)).isFalse();
    }

    @Test
    void theConfigurationNeverShowsTheKey() {
        assertThat(config().toString()).doesNotContain(KEY).contains("pk_live_a1b2");
    }
}
