package io.switchboard.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule of who owns a business number: the phone-numbers table, else the oldest account naming it. */
class NumberOwnersTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final Map<String, PhoneNumber> records = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final NumberOwners owners = new NumberOwners(records::get, accounts::get,
            () -> List.copyOf(accounts.values()));

    private void account(String id, String number, Instant createdAt, AccountStatus status) {
        accounts.put(id, Account.newBuilder().setAccountId(id).setName(id).setWabaId("1").setPhoneNumberId(number)
                .setCreatedAt(createdAt).setStatus(status).build());
    }

    private void record(String number, String accountId) {
        records.put(number, PhoneNumber.newBuilder().setPhoneNumberId(number).setAccountId(accountId)
                .setClaimedAt(T0).build());
    }

    @Test
    void theTableDecidesEvenAgainstAnOlderAccountNamingTheNumber() {
        account("old", "111", T0, AccountStatus.ACTIVE);
        account("new", "111", T0.plusSeconds(60), AccountStatus.ACTIVE);
        record("111", "new");

        assertThat(owners.ownerOf("111")).isEqualTo("new");
        assertThat(owners.owns("old", "111")).isFalse();
    }

    @Test
    void withoutARecordTheOldestAccountThatIsNotDeletedOwnsIt() {
        account("b", "222", T0.plusSeconds(1), AccountStatus.ACTIVE);
        account("a", "222", T0.plusSeconds(1), AccountStatus.DISABLED);
        account("gone", "222", T0, AccountStatus.DELETED);

        assertThat(owners.ownerOf("222")).isEqualTo("a");
        assertThat(owners.ownerOf("333")).isNull();
    }

    @Test
    void aRecordOfADeletedAccountOwnsNothing() {
        account("gone", "444", T0, AccountStatus.DELETED);
        account("later", "444", T0.plusSeconds(5), AccountStatus.ACTIVE);
        record("444", "gone");

        assertThat(owners.ownerOf("444")).isNull();
    }

    @Test
    void aRecordWhoseAccountIsNotYetReadStillOwnsTheNumber() {
        record("555", "being-created");
        account("other", "555", T0, AccountStatus.ACTIVE);

        assertThat(owners.ownerOf("555")).isEqualTo("being-created");
    }
}
