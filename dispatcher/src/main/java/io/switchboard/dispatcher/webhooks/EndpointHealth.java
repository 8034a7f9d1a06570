package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The delivery state of each endpoint: ACTIVE; FAILING from the first failed attempt after a success; DISABLED once
 * it has been failing for {@code disable-after} without a single success. A disable holds until an administrator
 * enables the endpoint again (its {@code enabledAt} is then newer than {@code disabledAt}). Changes of state are
 * published at once, success and error times at most every {@code health-publish-interval}; the state starts from
 * the last published record, so failing-since survives restarts.
 */
final class EndpointHealth {

    static final String ACTIVE = "ACTIVE";
    static final String FAILING = "FAILING";
    static final String DISABLED = "DISABLED";

    private final Map<String, WebhookEndpointHealth> states = new ConcurrentHashMap<>();
    private final Map<String, Instant> published = new ConcurrentHashMap<>();
    private final java.util.Set<String> unpublished = ConcurrentHashMap.newKeySet();
    private final Function<String, WebhookEndpointHealth> stored;
    private final Consumer<WebhookEndpointHealth> publisher;
    private final Duration disableAfter;
    private final Duration publishInterval;
    private final Clock clock;

    EndpointHealth(Function<String, WebhookEndpointHealth> stored, Consumer<WebhookEndpointHealth> publisher,
                   Duration disableAfter, Duration publishInterval, Clock clock) {
        this.stored = stored;
        this.publisher = publisher;
        this.disableAfter = disableAfter;
        this.publishInterval = publishInterval;
        this.clock = clock;
    }

    /** Disabled by failing, and not enabled again since. */
    boolean isDisabled(WebhookEndpoint endpoint) {
        WebhookEndpointHealth health = current(endpoint.getEndpointId(), endpoint);
        return DISABLED.equals(health.getState());
    }

    boolean isFailing(WebhookEndpoint endpoint) {
        return FAILING.equals(current(endpoint.getEndpointId(), endpoint).getState());
    }

    void succeeded(WebhookEndpoint endpoint) {
        WebhookEndpointHealth before = current(endpoint.getEndpointId(), endpoint);
        Instant now = clock.instant();
        WebhookEndpointHealth after = WebhookEndpointHealth.newBuilder(before).setState(ACTIVE)
                .setFailingSince(null).setLastSuccessAt(now).setDisabledAt(null).setDisabledReason(null)
                .setUpdatedAt(now).build();
        update(before, after);
    }

    /** Records a failed attempt; true when it disabled the endpoint. */
    boolean failed(WebhookEndpoint endpoint, String error) {
        WebhookEndpointHealth before = current(endpoint.getEndpointId(), endpoint);
        if (DISABLED.equals(before.getState())) {
            return false;
        }
        Instant now = clock.instant();
        Instant since = before.getFailingSince() != null ? before.getFailingSince() : now;
        WebhookEndpointHealth.Builder after = WebhookEndpointHealth.newBuilder(before).setFailingSince(since)
                .setLastFailureAt(now).setLastError(error).setUpdatedAt(now).setState(FAILING);
        boolean disable = !now.isBefore(since.plus(disableAfter));
        if (disable) {
            after.setState(DISABLED).setDisabledAt(now).setDisabledReason("No delivery succeeded since "
                    + CustomerEvent.timestamp(since) + " (disable-after " + disableAfter + "); last error: " + error);
        }
        update(before, after.build());
        return disable;
    }

    private WebhookEndpointHealth current(String endpointId, WebhookEndpoint endpoint) {
        WebhookEndpointHealth health = states.computeIfAbsent(endpointId, id -> {
            WebhookEndpointHealth record = stored.apply(id);
            return record != null ? record : WebhookEndpointHealth.newBuilder().setEndpointId(id).setState(ACTIVE)
                    .setUpdatedAt(clock.instant()).build();
        });
        if (DISABLED.equals(health.getState()) && health.getDisabledAt() != null
                && endpoint.getEnabledAt().isAfter(health.getDisabledAt())) {
            WebhookEndpointHealth enabled = WebhookEndpointHealth.newBuilder(health).setState(ACTIVE)
                    .setFailingSince(null).setDisabledAt(null).setDisabledReason(null)
                    .setUpdatedAt(clock.instant()).build();
            update(health, enabled);
            return enabled;
        }
        return health;
    }

    private void update(WebhookEndpointHealth before, WebhookEndpointHealth after) {
        states.put(after.getEndpointId(), after);
        Instant last = published.get(after.getEndpointId());
        boolean changed = !before.getState().equals(after.getState());
        if (changed || last == null || !clock.instant().isBefore(last.plus(publishInterval))) {
            published.put(after.getEndpointId(), clock.instant());
            unpublished.remove(after.getEndpointId());
            publisher.accept(after);
        } else {
            unpublished.add(after.getEndpointId());
        }
    }

    /** Publishes the states whose last change was held back by the publish interval (called on a timer). */
    void publishPending() {
        for (String endpointId : java.util.List.copyOf(unpublished)) {
            unpublished.remove(endpointId);
            published.put(endpointId, clock.instant());
            publisher.accept(states.get(endpointId));
        }
    }
}
