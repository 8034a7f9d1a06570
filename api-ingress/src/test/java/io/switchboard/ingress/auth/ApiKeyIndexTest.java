package io.switchboard.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyIndexTest {

    private final ApiKeyIndex index = new ApiKeyIndex();

    private static ApiKey record(String id, String hash, boolean active) {
        return ApiKey.newBuilder().setKeyId(id).setKeyHash(hash).setKeyPrefix("pk_live_xxxx").setName("n")
                .setAccountId("a").setPermissions(List.of(Permission.SEND_TEXT)).setActive(active)
                .setCreatedAt(Instant.parse("2025-01-01T00:00:00Z")).build();
    }

    @Test
    void findsAKeyByHashAndById() {
        index.apply("k1", record("k1", "h1", true));

        assertThat(index.byHash("h1").getKeyId()).isEqualTo("k1");
        assertThat(index.byId("k1").getKeyHash()).isEqualTo("h1");
    }

    @Test
    void laterRecordsReplaceEarlierOnes() {
        index.apply("k1", record("k1", "h1", true));
        index.apply("k1", record("k1", "h1", false));

        assertThat(index.byHash("h1").getActive()).isFalse();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aRotatedHashNoLongerAnswersToTheOldOne() {
        index.apply("k1", record("k1", "h1", true));
        index.apply("k1", record("k1", "h2", true));

        assertThat(index.byHash("h1")).isNull();
        assertThat(index.byHash("h2")).isNotNull();
    }

    @Test
    void aTombstoneRemovesTheKey() {
        index.apply("k1", record("k1", "h1", true));
        index.apply("k1", null);
        index.apply("unknown", null);

        assertThat(index.byHash("h1")).isNull();
        assertThat(index.byId("k1")).isNull();
        assertThat(index.size()).isZero();
    }

    @Test
    void removingOneKeyLeavesAnotherKeyWithTheSameHashAlone() {
        index.apply("k1", record("k1", "h1", true));
        index.apply("k2", record("k2", "h1", true));
        index.apply("k1", null);

        assertThat(index.byHash("h1").getKeyId()).isEqualTo("k2");
    }

    @Test
    void aDeletedKeyIsGoneFromListingsButItsHolderIsStillRecognised() {
        index.apply("k1", record("k1", "h1", true));
        ApiKey deleted = record("k1", "h1", false);
        deleted.setDeletedAt(Instant.parse("2025-06-01T00:00:00Z"));
        index.apply("k1", deleted);

        assertThat(index.byId("k1")).isNull();
        assertThat(index.all()).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.byHash("h1").getDeletedAt()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));

        index.apply("k1", null);
        assertThat(index.byHash("h1")).isNull();
    }
}
