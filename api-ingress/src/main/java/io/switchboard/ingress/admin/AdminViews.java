package io.switchboard.ingress.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.auth.PermissionNames;
import io.switchboard.ingress.support.Timestamps;
import io.switchboard.ingress.templates.TemplateSyncStatus;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the admin API shows of keys and accounts, and the mappers from the Avro records (which never reach HTTP). A
 * key's view carries its display prefix but never the key, its hash or its secret; only the creation answer adds
 * {@code api_key} and {@code api_secret}, once.
 */
public final class AdminViews {

    private AdminViews() {
    }

    public static KeyView key(ApiKey key, Instant now) {
        boolean expired = key.getExpiresAt() != null && !key.getExpiresAt().isAfter(now);
        return new KeyView(key.getKeyId(), key.getName(), key.getDescription(), key.getAccountId(),
                key.getKeyPrefix(), PermissionNames.of(key.getPermissions()), key.getRateLimitPerMinute(),
                key.getDailyLimit(), key.getActive(), expired, Timestamps.iso(key.getExpiresAt()),
                Timestamps.iso(key.getCreatedAt()), key.getRequireSignature(), key.getEncryptedSecret() != null);
    }

    /** An account with the numbers the phone-numbers table gives it and how its templates were last read. */
    public static AccountView account(Account account, List<PhoneNumber> numbers,
                                      @Nullable TemplateSyncStatus templateSync) {
        return new AccountView(account.getAccountId(), account.getName(), account.getWabaId(),
                account.getPhoneNumberId(), account.getDisplayPhoneNumber(), account.getMessagesPerSecond(),
                Timestamps.iso(account.getCreatedAt()), account.getStatus().name().toLowerCase(Locale.ROOT),
                account.getStatusReason(), Timestamps.iso(account.getStatusChangedAt()),
                numbers.stream().map(AdminViews::number).toList(), templateSync);
    }

    public static PhoneNumberView number(PhoneNumber number) {
        return new PhoneNumberView(number.getPhoneNumberId(), number.getAccountId(), number.getWabaId(),
                number.getDisplayPhoneNumber(), Timestamps.iso(number.getClaimedAt()));
    }

    /** An API key as listed and fetched. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyView(String id, String name, @Nullable String description,
                          @JsonProperty("account_id") String accountId,
                          @JsonProperty("key_prefix") String keyPrefix,
                          List<String> permissions,
                          @JsonProperty("rate_limit") int rateLimit,
                          @JsonProperty("daily_limit") int dailyLimit,
                          boolean active,
                          boolean expired,
                          @JsonProperty("expires_at") @Nullable String expiresAt,
                          @JsonProperty("created_at") String createdAt,
                          @JsonProperty("require_signature") boolean requireSignature,
                          @JsonProperty("has_secret") boolean hasSecret) {
    }

    /** The creation answer: the key's view plus, this once, the key and the secret. */
    @Serdeable
    public record CreatedKey(@JsonUnwrapped KeyView key, @JsonProperty("api_key") String apiKey,
                             @JsonProperty("api_secret") String apiSecret) {

        @Override
        public String toString() {
            return "CreatedKey[" + key.id() + ", <credentials redacted>]";
        }
    }

    /** The answer to a deletion. */
    @Serdeable
    public record DeletedKey(String id, boolean deleted) {
    }

    /**
     * A WhatsApp account: its sending number ({@code phone_number_id}), its status, and {@code phone_numbers}, the
     * numbers it owns by the phone-numbers table (empty when another account owns the number it names), and
     * {@code template_sync}, how this instance last read its templates from WhatsApp (absent for a deleted account).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountView(@JsonProperty("account_id") String accountId, String name,
                              @JsonProperty("waba_id") String wabaId,
                              @JsonProperty("phone_number_id") String phoneNumberId,
                              @JsonProperty("display_phone_number") @Nullable String displayPhoneNumber,
                              @JsonProperty("messages_per_second") int messagesPerSecond,
                              @JsonProperty("created_at") String createdAt,
                              String status,
                              @JsonProperty("status_reason") @Nullable String statusReason,
                              @JsonProperty("status_changed_at") @Nullable String statusChangedAt,
                              @JsonProperty("phone_numbers") List<PhoneNumberView> phoneNumbers,
                              @JsonProperty("template_sync") @JsonInclude(JsonInclude.Include.NON_NULL)
                              @Nullable TemplateSyncStatus templateSync) {
    }

    /** Who owns a business number. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PhoneNumberView(@JsonProperty("phone_number_id") String phoneNumberId,
                                  @JsonProperty("account_id") String accountId,
                                  @JsonProperty("waba_id") @Nullable String wabaId,
                                  @JsonProperty("display_phone_number") @Nullable String displayPhoneNumber,
                                  @JsonProperty("claimed_at") String claimedAt) {
    }
}
