package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.PhoneNumber;
import java.util.Map;

/**
 * The compacted {@code phone-numbers} topic in memory (phoneNumberId to its owner), followed for as long as the
 * dispatcher runs. It is the one place that says which account owns a business number; a tombstone releases it.
 */
public final class PhoneNumberTable extends CompactedTable<PhoneNumber> implements CommandRules.NumberOwners {

    public PhoneNumberTable(Map<String, Object> kafkaConfig, String registryUrl) {
        super(Topics.PHONE_NUMBERS, kafkaConfig, registryUrl);
    }

    @Override
    public String ownerOf(String phoneNumberId) {
        PhoneNumber number = get(phoneNumberId);
        return number == null ? null : number.getAccountId();
    }
}
