package io.switchboard.dispatcher;

import io.switchboard.cloudapi.CloudApiRequestMapper;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.switchboard.dispatcher.parking.ParkedLanes;
import io.switchboard.dispatcher.parking.ParkedReader;
import io.switchboard.dispatcher.parking.Parking;
import io.switchboard.dispatcher.validation.AccountTable;
import io.switchboard.dispatcher.validation.CommandRules;
import io.switchboard.dispatcher.validation.PhoneNumberTable;
import io.switchboard.schemas.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the delivery pipeline with the application context. At start: the topics it reads and writes
 * exist ({@link DispatcherTopics}), the value schemas it writes are registered (so the first outcome never waits on
 * the registry, and a refused schema stops start-up), then the consumer loop starts. At close, in this order: stop
 * polling and drain in-flight work ({@link KeyOrderedDispatcher#close()}), stop timers and workers, flush the
 * producers, drop the HTTP client; whatever did not finish is redelivered to the next owner.
 */
@Context
@Requires(property = DispatcherProperties.PREFIX + ".enabled", notEquals = "false")
public class DispatcherRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherRunner.class);

    private final CloudApiProperties cloudApi;
    private final DispatcherProperties properties;
    private final KafkaClientSettings kafka;
    private final DispatcherMetrics metrics;
    private final PacingProperties pacing;
    private final RedisConnector redis;
    private NumberPacer pacer;
    private final HaltRegistry halts;
    private final AccountHalts accountHalts;
    private ScheduledExecutorService timers;
    private ExecutorService workers;
    private CloudApiClient client;
    private MessageEventPublisher publisher;
    private KeyOrderedDispatcher dispatcher;
    private ExecutorService admin;
    private DeadLetterArchive deadLetters;
    private final ValidationProperties validation;
    private final MeterRegistry registry;
    private AccountTable accounts;
    private PhoneNumberTable numbers;
    private RejectedCommandPublisher rejects;
    private final ParkingProperties parkingProperties;
    private final FailingNumbers failing;
    private ParkedLanes parked;

    public DispatcherRunner(CloudApiProperties cloudApi, DispatcherProperties properties, KafkaClientSettings kafka,
            MeterRegistry registry, PacingProperties pacing, RedisClient redisClient, DefaultRedisConfiguration redis,
            ValidationProperties validation, ParkingProperties parkingProperties, MetricsProperties metricsProperties) {
        this.validation = validation;
        this.parkingProperties = parkingProperties;
        this.failing = new FailingNumbers(properties.getBackoffMax().multipliedBy(2));
        this.registry = registry;
        this.pacing = pacing;
        this.redis = new RedisConnector(redisClient, redis.getUri().orElse(redis), pacing.getRedisTimeout());
        this.halts = new HaltRegistry(this.redis);
        this.accountHalts = new AccountHalts(this.redis);
        this.cloudApi = cloudApi;
        this.properties = properties;
        this.kafka = kafka;
        this.metrics = new DispatcherMetrics(registry, metricsProperties);
    }

    @PostConstruct
    void start() {
        cloudApi.validate();
        LOG.info("Starting dispatcher: group {}, max in flight {}, {}", properties.getGroupId(),
                properties.getMaxInFlight(), cloudApi);
        DispatcherTopics.prepare(kafka);

        Clock clock = Clock.systemUTC();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("dispatcher-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        timers = scheduler;
        workers = Executors.newFixedThreadPool(Math.max(1, properties.getWorkerThreads()), threads("dispatcher-worker"));
        pacer = new NumberPacer(redis, pacing, timers);
        client = new CloudApiClient(cloudApi);
        publisher = new MessageEventPublisher(kafka.clientConfig(), kafka.registryUrl(), timers, metrics, clock);
        publisher.warmUp();
        accounts = new AccountTable(kafka.clientConfig(), kafka.registryUrl());
        numbers = new PhoneNumberTable(kafka.clientConfig(), kafka.registryUrl());
        accounts.start();
        numbers.start();
        AccountStanding standing = new AccountStanding(accounts);
        SendRetrySchedule schedule = new SendRetrySchedule(new RetryPolicy(properties),
                properties.getDefaultValidity(), parkingProperties.getParkAfter());
        SendCommandProcessor processor = new SendCommandProcessor(new CloudApiRequestMapper(), client,
                new SendOutcomeClassifier(), schedule, publisher, timers, workers, metrics, clock,
                pacer, pacing, new Halts(halts, accountHalts), new SentMarkers(redis, properties.getSentMarkerTtl()),
                standing, failing);
        parked = new ParkedLanes(parkingProperties.getMaxInMemory(), processor::resume, timers, workers, clock);
        Parking parking = new Parking(processor, parked, publisher, standing, metrics, workers, clock);
        dispatcher = new KeyOrderedDispatcher(kafka.clientConfig(), kafka.registryUrl(),
                new KeyOrderedExecutor(workers), gate(clock), parking::deliver,
                new ParkedReader(kafka.clientConfig(), kafka.registryUrl(), properties.getGroupId(), parked),
                metrics, properties);
        registerGauges();
        long sweep = Math.max(1, parkingProperties.getSweepInterval().toMillis());
        timers.scheduleWithFixedDelay(() -> runQuietly(parking::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
        admin = Executors.newSingleThreadExecutor(threads("dispatcher-admin"));
        deadLetters = new DeadLetterArchive(kafka.clientConfig(), kafka.registryUrl(), admin);
        long recheck = Math.max(1, pacing.getHaltRecheckInterval().toMillis());
        timers.scheduleWithFixedDelay(this::refreshAccountHalts, recheck, recheck, TimeUnit.MILLISECONDS);
        dispatcher.start();
    }

    private void registerGauges() {
        metrics.inFlightGauge(dispatcher::inFlight);
        metrics.gauge("dispatcher.parked.messages", "Parked messages not finished (in memory or waiting in Kafka)",
                parked::known);
        metrics.gauge("dispatcher.parked.in.memory", "Parked messages held in memory", parked::inMemory);
        metrics.gauge("dispatcher.failing.numbers", "Business numbers WhatsApp is failing now (health: degraded)",
                failing::count);
        metrics.gauge("dispatcher.consumer.lag", "Records not finished yet: log end less the first unfinished offset",
                dispatcher::lag, "topic", Topics.SEND_COMMANDS.name());
        metrics.gauge("dispatcher.consumer.lag", "Records not finished yet: log end less the first unfinished offset",
                () -> dispatcher.parkedLag(), "topic", Topics.SEND_COMMANDS_RETRY.name());
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task; the next run tries again.
            LOG.warn("Periodic task failed: {}", e.toString());
        }
    }

    /** The validation step: accounts and numbers followed from their topics, ids claimed in Redis, rejects published. */
    private CommandGate gate(Clock clock) {
        CompletableFuture<Void> accountsReady = CompletableFuture.completedFuture(null);
        if (validation.isRequireAccount()) {
            accountsReady = CompletableFuture.allOf(accounts.ready(), numbers.ready());
        }
        rejects = new RejectedCommandPublisher(kafka.clientConfig(), kafka.registryUrl(), timers);
        rejects.warmUp();
        MessageIdClaims claims = validation.isUniqueMessageIds()
                ? new MessageIdClaims(redis, properties.getSentMarkerTtl()) : null;
        return new CommandGate(new CommandRules(accounts, numbers, validation.isRequireAccount(), clock),
                accountsReady, () -> CompletableFuture.allOf(accounts.caughtUp(), numbers.caughtUp()), claims, rejects, publisher, metrics, registry, timers, workers, pacing.getRedisRetryInterval(), clock);
    }

    @PreDestroy
    void stop() {
        LOG.info("Stopping dispatcher (waiting up to {} for messages in flight)", properties.getShutdownTimeout());
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (publisher != null) {
            publisher.close();
        }
        if (rejects != null) {
            rejects.close();
        }
        if (accounts != null) {
            accounts.close();
        }
        if (numbers != null) {
            numbers.close();
        }
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.shutdownNow();
        }
        redis.close();
    }

    /** Other instances' account halts and clears reach this one here; a failure keeps the last known state. */
    private void refreshAccountHalts() {
        try {
            accountHalts.refresh().exceptionally(failure -> null);
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task; the next run tries again.
            LOG.debug("Could not refresh account halts: {}", e.toString());
        }
    }

    /** The dead-letter topic as operators see it; used by the admin endpoints. */
    public DeadLetterArchive deadLetters() {
        return deadLetters;
    }

    /** Halted business numbers; read by the health indicator and the admin endpoints. */
    public HaltRegistry halts() {
        return halts;
    }

    /** Halted accounts; read by the health indicator and the admin endpoints. */
    public AccountHalts accountHalts() {
        return accountHalts;
    }

    /** The dispatcher's Redis connection; pinged by the health indicator. */
    public RedisConnector redis() {
        return redis;
    }

    /** The shared per-number pace; read by the health indicator. */
    public NumberPacer pacer() {
        return pacer;
    }

    /** Business numbers WhatsApp is failing now; read by the health indicator. */
    public FailingNumbers failing() {
        return failing;
    }

    /** The parked messages; read by the health indicator. */
    public ParkedLanes parked() {
        return parked;
    }

    /** Whether the consumer loop is polling; read by the health indicator. */
    public boolean isAlive() {
        return dispatcher != null && dispatcher.isAlive();
    }

    public KeyOrderedDispatcher dispatcher() {
        return dispatcher;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
