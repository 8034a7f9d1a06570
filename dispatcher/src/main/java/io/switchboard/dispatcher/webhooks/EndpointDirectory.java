package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.crypto.SecretCipher;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who gets which event: the {@code webhook-endpoints}, {@code accounts} and {@code phone-numbers} topics followed
 * into memory. An inbound message belongs to the account that owns its business number in the phone-numbers table
 * (one owner per number); a number with no record there (claimed before the table existed) belongs to the account
 * that claimed it first as its sending number, never to a deleted one. An endpoint receives an event when it belongs
 * to the event's account and subscribed to its type (a paused or disabled one too, and one of a disabled account:
 * delivery drops it and logs that, so a replay after enabling can still send it); an endpoint bound to an API key
 * receives only the status events of messages sent with that key (inbound messages belong to no key, so it receives
 * all of its account's). Secrets are decrypted with the master key when first used and cached against their
 * ciphertext (a rotated secret is decrypted again); they never leave memory.
 */
final class EndpointDirectory implements AutoCloseable {

    private final CompactedFollower<WebhookEndpoint> endpoints;
    private final CompactedFollower<Account> accounts;
    private final CompactedFollower<PhoneNumber> numbers;
    private final SecretCipher cipher;
    private final Map<String, String[]> secrets = new ConcurrentHashMap<>();

    EndpointDirectory(Map<String, Object> kafka, String registryUrl, SecretCipher cipher) {
        this.endpoints = new CompactedFollower<>(Topics.WEBHOOK_ENDPOINTS, kafka, registryUrl);
        this.accounts = new CompactedFollower<>(Topics.ACCOUNTS, kafka, registryUrl);
        this.numbers = new CompactedFollower<>(Topics.PHONE_NUMBERS, kafka, registryUrl);
        this.cipher = cipher;
    }

    void start() {
        endpoints.start();
        accounts.start();
        numbers.start();
    }

    CompletableFuture<Void> ready() {
        return CompletableFuture.allOf(endpoints.ready(), accounts.ready(), numbers.ready());
    }

    WebhookEndpoint endpoint(String endpointId) {
        return endpoints.get(endpointId);
    }

    /** The account that owns the business number {@code phoneNumberId}, or null when none does. */
    Account accountOfNumber(String phoneNumberId) {
        PhoneNumber owner = numbers.get(phoneNumberId);
        if (owner != null) {
            return accounts.get(owner.getAccountId());
        }
        return accounts.values().stream()
                .filter(a -> phoneNumberId.equals(a.getPhoneNumberId()) && a.getStatus() != AccountStatus.DELETED)
                .min(Comparator.comparing(Account::getCreatedAt).thenComparing(Account::getAccountId))
                .orElse(null);
    }

    /** The account's status; an account the table does not hold is taken as active. */
    AccountStatus accountStatus(String accountId) {
        Account account = accountId == null ? null : accounts.get(accountId);
        return account == null ? AccountStatus.ACTIVE : account.getStatus();
    }

    List<WebhookEndpoint> subscribers(CustomerEvent event) {
        return endpoints.values().stream()
                .filter(e -> e.getAccountId().equals(event.accountId()))
                .filter(e -> e.getEvents().contains(event.type()))
                .filter(e -> e.getApiKeyId() == null || CustomerEvent.RECEIVED.equals(event.type())
                        || e.getApiKeyId().equals(event.apiKeyId()))
                .toList();
    }

    /** The endpoint's whsec_ secret; throws IllegalArgumentException when it does not decrypt. */
    String secretOf(WebhookEndpoint endpoint) {
        String[] cached = secrets.get(endpoint.getEndpointId());
        if (cached != null && cached[0].equals(endpoint.getEncryptedSecret())) {
            return cached[1];
        }
        String secret = cipher.decrypt(endpoint.getEncryptedSecret());
        secrets.put(endpoint.getEndpointId(), new String[] {endpoint.getEncryptedSecret(), secret});
        return secret;
    }

    boolean isAlive() {
        return endpoints.isAlive() && accounts.isAlive() && numbers.isAlive();
    }

    @Override
    public void close() {
        endpoints.close();
        accounts.close();
        numbers.close();
    }
}
