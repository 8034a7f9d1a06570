package io.switchboard.dispatcher;

import io.switchboard.cloudapi.CloudApiRequestMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What every {@link Delivery} works with: the steps' collaborators, its threads and its timings. */
record DeliveryContext(
        CloudApiRequestMapper mapper,
        CloudApiClient client,
        SendOutcomeClassifier classifier,
        SendRetrySchedule schedule,
        MessageEventPublisher publisher,
        NumberPacer pacer,
        PaceGate paceGate,
        PairBackoff pairs,
        Halts halts,
        SentMarkers markers,
        MarkerWriter markerWriter,
        AccountStanding standing,
        FailingNumbers failing,
        DispatcherMetrics metrics,
        ScheduledExecutorService timers,
        Executor workers,
        Clock clock,
        Duration redisRetry,
        Duration haltRecheck) {
}
