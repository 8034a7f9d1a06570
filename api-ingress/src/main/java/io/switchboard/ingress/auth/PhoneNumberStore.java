package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTable;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.PhoneNumber;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * The phone-numbers topic as an in-memory table: which account owns each business number (phoneNumberId to
 * PhoneNumber; a tombstone releases the number). Followed like the other configuration tables, so a claim or release
 * made on any instance is seen here within a poll.
 */
@Singleton
public class PhoneNumberStore extends CompactedTable<PhoneNumber> {

    public PhoneNumberStore(KafkaSettings kafka) {
        super(Topics.PHONE_NUMBERS, kafka);
    }

    @Nullable
    public PhoneNumber byNumber(String phoneNumberId) {
        return get(phoneNumberId);
    }

    /** The numbers the table gives this account, oldest claim first. */
    public List<PhoneNumber> ofAccount(String accountId) {
        return all().stream().filter(number -> accountId.equals(number.getAccountId()))
                .sorted(Comparator.comparing(PhoneNumber::getClaimedAt).thenComparing(PhoneNumber::getPhoneNumberId))
                .toList();
    }
}
