package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import io.switchboard.ingress.signing.SecretVault;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.WebhookEndpoint;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages customer webhook endpoints. A new endpoint gets a Standard Webhooks secret ({@code whsec_} + base64 of 32
 * random bytes), shown once in the creation (or rotation) answer; the topic holds it only encrypted under the master
 * key, which the dispatcher shares to sign. Every change is acknowledged by Kafka and applied by this instance's
 * table before it is answered; changes replace the whole record (last writer wins); deletion is a tombstone.
 * Enabling stamps {@code enabledAt}, which lifts a disable the dispatcher published earlier.
 */
@Singleton
public class WebhookEndpointAdminService {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpointAdminService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookTables tables;
    private final AccountStore accounts;
    private final ApiKeyStore keys;
    private final SecretVault vault;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final Clock clock;

    public WebhookEndpointAdminService(WebhookTables tables, AccountStore accounts, ApiKeyStore keys,
                                       SecretVault vault, ConfigRecordPublisher publisher, LocalTableWatcher watcher,
                                       Clock clock) {
        this.tables = tables;
        this.accounts = accounts;
        this.keys = keys;
        this.vault = vault;
        this.publisher = publisher;
        this.watcher = watcher;
        this.clock = clock;
    }

    public CompletableFuture<AdminOutcome<WebhookViews.EndpointWithSecret>> create(@Nullable String contentType,
                                                                                  @Nullable byte[] body) {
        if (!tables.isReady() || !accounts.isReady() || !keys.isReady()) {
            return AdminOutcome.loading();
        }
        if (!vault.isConfigured()) {
            return AdminOutcome.refusedNow(ErrorCode.MASTER_KEY_NOT_CONFIGURED, "Webhook endpoints cannot be "
                    + "created: set switchboard.ingress.master-key (openssl rand -base64 32) to encrypt their secrets");
        }
        NewWebhookRequest request;
        try {
            request = NewWebhookRequest.create(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        ApiError refusal = ownership(request.accountId(), request.apiKeyId());
        if (refusal != null) {
            return AdminOutcome.now(AdminOutcome.refused(refusal));
        }
        Instant now = clock.instant();
        String secret = newSecret();
        WebhookEndpoint record = WebhookEndpoint.newBuilder()
                .setEndpointId("we_" + UUID.randomUUID().toString().replace("-", ""))
                .setAccountId(request.accountId()).setApiKeyId(request.apiKeyId()).setUrl(request.url())
                .setEncryptedSecret(vault.encrypt(secret)).setEvents(request.events()).setEnabled(true)
                .setEnabledAt(now).setDescription(request.description()).setCreatedAt(now).setUpdatedAt(now)
                .build();
        return store(record).thenApply(outcome -> outcome.error() != null ? AdminOutcome.refused(outcome.error())
                : AdminOutcome.created(new WebhookViews.EndpointWithSecret(outcome.data(), secret)));
    }

    public AdminOutcome<List<WebhookViews.EndpointView>> list(@Nullable String accountId) {
        if (!tables.isReady()) {
            return AdminOutcome.notLoaded();
        }
        return AdminOutcome.ok(tables.endpoints().stream()
                .filter(e -> accountId == null || accountId.equals(e.getAccountId()))
                .sorted(Comparator.comparing(WebhookEndpoint::getCreatedAt).reversed()
                        .thenComparing(WebhookEndpoint::getEndpointId))
                .map(this::view).toList());
    }

    public AdminOutcome<WebhookViews.EndpointView> get(String id) {
        if (!tables.isReady()) {
            return AdminOutcome.notLoaded();
        }
        WebhookEndpoint endpoint = tables.endpoint(id);
        return endpoint == null ? notFound(id) : AdminOutcome.ok(view(endpoint));
    }

    /** PATCH: url, events, api_key_id, description; absent fields keep their values. */
    public CompletableFuture<AdminOutcome<WebhookViews.EndpointView>> update(String id, @Nullable String contentType,
                                                                             @Nullable byte[] body) {
        NewWebhookRequest request;
        try {
            request = NewWebhookRequest.update(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        return change(id, current -> {
            WebhookEndpoint.Builder next = WebhookEndpoint.newBuilder(current);
            if (request.url() != null) {
                next.setUrl(request.url());
            }
            if (request.events() != null) {
                next.setEvents(request.events());
            }
            if (request.apiKeyId() != null) {
                next.setApiKeyId(request.apiKeyId());
            }
            if (request.description() != null) {
                next.setDescription(request.description());
            }
            return next.build();
        }, request.apiKeyId());
    }

    /** Switches an endpoint on (lifting a dispatcher disable) or off. */
    public CompletableFuture<AdminOutcome<WebhookViews.EndpointView>> setEnabled(String id, boolean enabled) {
        return change(id, current -> enabled
                ? WebhookEndpoint.newBuilder(current).setEnabled(true).setEnabledAt(clock.instant()).build()
                : WebhookEndpoint.newBuilder(current).setEnabled(false).build(), null);
    }

    /** A new secret, shown once; the old one stops signing at once. */
    public CompletableFuture<AdminOutcome<WebhookViews.EndpointWithSecret>> rotateSecret(String id) {
        if (!vault.isConfigured()) {
            return AdminOutcome.refusedNow(ErrorCode.MASTER_KEY_NOT_CONFIGURED,
                    "set switchboard.ingress.master-key to rotate webhook secrets");
        }
        String secret = newSecret();
        return change(id, current -> WebhookEndpoint.newBuilder(current).setEncryptedSecret(vault.encrypt(secret))
                .build(), null).thenApply(outcome -> outcome.error() != null ? AdminOutcome.refused(outcome.error())
                : AdminOutcome.ok(new WebhookViews.EndpointWithSecret(outcome.data(), secret)));
    }

    public CompletableFuture<AdminOutcome<WebhookViews.Deleted>> delete(String id) {
        if (!tables.isReady()) {
            return AdminOutcome.loading();
        }
        if (tables.endpoint(id) == null) {
            return AdminOutcome.now(notFound(id));
        }
        return publisher.webhookEndpoint(id, null)
                .thenCompose(ack -> watcher.until(() -> tables.endpoint(id) == null))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        return AdminOutcome.<WebhookViews.Deleted>notStored("deletion");
                    }
                    LOG.info("Deleted webhook endpoint {}", id);
                    return AdminOutcome.ok(new WebhookViews.Deleted(id, true));
                });
    }

    private CompletableFuture<AdminOutcome<WebhookViews.EndpointView>> change(
            String id, UnaryOperator<WebhookEndpoint> edit, @Nullable String apiKeyId) {
        if (!tables.isReady() || !keys.isReady()) {
            return AdminOutcome.loading();
        }
        WebhookEndpoint current = tables.endpoint(id);
        if (current == null) {
            return AdminOutcome.now(notFound(id));
        }
        ApiError refusal = apiKeyId == null ? null : ownership(current.getAccountId(), apiKeyId);
        if (refusal != null) {
            return AdminOutcome.now(AdminOutcome.refused(refusal));
        }
        WebhookEndpoint next = WebhookEndpoint.newBuilder(edit.apply(current)).setUpdatedAt(clock.instant()).build();
        return store(next);
    }

    private CompletableFuture<AdminOutcome<WebhookViews.EndpointView>> store(WebhookEndpoint record) {
        String id = record.getEndpointId();
        return publisher.webhookEndpoint(id, record)
                .thenCompose(ack -> watcher.until(() -> record.equals(tables.endpoint(id))))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        LOG.warn("Webhook endpoint {} was not acknowledged by Kafka: {}", id, failure.toString());
                        return AdminOutcome.notStored("webhook endpoint");
                    }
                    LOG.info("Stored webhook endpoint {} of account {}", id, record.getAccountId());
                    return AdminOutcome.ok(view(record));
                });
    }

    @Nullable
    private ApiError ownership(String accountId, @Nullable String apiKeyId) {
        Account account = accounts.byId(accountId);
        if (account == null) {
            return ApiError.of(ErrorCode.ACCOUNT_NOT_FOUND, "account_id: no account '" + accountId + "'");
        }
        if (account.getStatus() == AccountStatus.DELETED) {
            return AccountAdminService.deleted(account);
        }
        if (apiKeyId != null) {
            ApiKey key = keys.byId(apiKeyId);
            if (key == null || !key.getAccountId().equals(accountId)) {
                return ApiError.of(ErrorCode.API_KEY_NOT_FOUND, "api_key_id: no API key '" + apiKeyId
                        + "' of account '" + accountId + "'");
            }
        }
        return null;
    }

    private WebhookViews.EndpointView view(WebhookEndpoint endpoint) {
        return WebhookViews.endpoint(endpoint, tables.health(endpoint.getEndpointId()));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    private static <T> AdminOutcome<T> notFound(String id) {
        String shown = id.length() <= 64 ? id : id.substring(0, 64) + "...";
        return AdminOutcome.refused(ApiError.of(ErrorCode.NOT_FOUND, "No webhook endpoint with id '" + shown + "'"));
    }
}
