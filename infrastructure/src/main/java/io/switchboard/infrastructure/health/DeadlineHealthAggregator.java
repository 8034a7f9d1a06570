package io.switchboard.infrastructure.health;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /health} answers within {@code switchboard.health.indicator-timeout} whatever a dependency does: each
 * indicator runs off the event loop (one that blocks, for example on a hung broker or a stopped Redis, blocks
 * nothing else) and one that has not answered by the deadline counts as DOWN, named as it names itself, with a
 * detail saying it did not answer. An orchestrator then sees the dependency DOWN at once instead of a probe that
 * hangs. Active only where the property is set.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
@Requires(beans = HealthEndpoint.class)
@Requires(property = DeadlineHealthAggregator.TIMEOUT)
public class DeadlineHealthAggregator extends DefaultHealthAggregator {

    static final String TIMEOUT = "switchboard.health.indicator-timeout";

    private final Duration timeout;
    /** The name each indicator gave its last result, for naming it when it does not answer. */
    private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

    public DeadlineHealthAggregator(ApplicationConfiguration application, @Value("${" + TIMEOUT + "}") Duration timeout) {
        super(application);
        this.timeout = timeout;
    }

    @Override
    protected Flux<HealthResult> aggregateResults(HealthIndicator[] indicators) {
        return Flux.merge(Arrays.stream(indicators).map(this::withinDeadline).toList());
    }

    private Flux<HealthResult> withinDeadline(HealthIndicator indicator) {
        return Flux.defer(indicator::getResult)
                .subscribeOn(Schedulers.boundedElastic())
                .collectList()
                .timeout(timeout, Mono.fromSupplier(() -> List.of(down(indicator,
                        "did not answer within " + timeout.toMillis() + " ms"))))
                .onErrorResume(error -> Mono.just(List.of(down(indicator, error.toString()))))
                .flatMapIterable(results -> results)
                .doOnNext(result -> {
                    if (result.getName() != null) {
                        names.put(indicator.getClass(), result.getName());
                    }
                });
    }

    private HealthResult down(HealthIndicator indicator, String why) {
        String name = names.computeIfAbsent(indicator.getClass(), DeadlineHealthAggregator::nameOf);
        return HealthResult.builder(name, HealthStatus.DOWN).details(Map.of("error", why)).build();
    }

    /** {@code KafkaHealthIndicator} is "kafka": what an indicator that never answered is called. */
    static String nameOf(Class<?> type) {
        String simple = type.getSimpleName();
        int proxy = simple.indexOf('$');
        if (proxy > 0) {
            simple = simple.substring(0, proxy);
        }
        String base = simple.endsWith("HealthIndicator") && simple.length() > "HealthIndicator".length()
                ? simple.substring(0, simple.length() - "HealthIndicator".length()) : simple;
        return base.isEmpty() ? base : Character.toLowerCase(base.charAt(0)) + base.substring(1);
    }
}
