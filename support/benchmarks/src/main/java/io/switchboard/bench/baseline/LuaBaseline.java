package io.switchboard.bench.baseline;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ceiling of the ingress's rate limiter: the ingress's own send-gate script ({@code ratelimit/multi-counter.lua})
 * called directly with EVALSHA over one Lettuce connection (as the ingress holds one), with the three counters of a
 * send (per key per minute, per key per day, per key and recipient per minute), many keys and recipients, closed loop.
 */
public final class LuaBaseline {

    private LuaBaseline() {
    }

    /** Finds the script next to the ingress's classes (snapshot or working tree). */
    public static Path scriptIn(Path servicesRoot) {
        Path built = servicesRoot.resolve("api-ingress/target/classes/ratelimit/multi-counter.lua");
        return Files.isRegularFile(built) ? built
                : servicesRoot.resolve("api-ingress/src/main/resources/ratelimit/multi-counter.lua");
    }

    public static Summary run(String redisUri, Path script, int inFlight, LoadDriver driver) throws Exception {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            String sha = redis.scriptLoad(Files.readString(script)).get();
            Stats stats = new Stats("baseline lua send gate (EVALSHA, 3 counters)");
            AtomicLong counter = new AtomicLong();
            long minute = System.currentTimeMillis() / 60_000;
            long day = minute / 1440;
            LoadDriver.Operation op = (intended, done) -> {
                long i = counter.getAndIncrement();
                String keyId = "bench" + (i % 64);
                String recipient = String.format("+1557%07d", i % 10_000_000);
                String[] keys = {"rl:{" + keyId + "}:minute:" + minute, "rl:{" + keyId + "}:day:" + day,
                        "rl:{" + keyId + "}:rcpt:" + recipient + ":" + minute};
                long start = System.nanoTime();
                redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, "3", "count", "0", "", "0",
                        "100000000", "61000", "100000000", "86401000", "100000000", "61000")
                        .whenComplete((reply, error) -> {
                            if (error != null) {
                                stats.error(error.getClass().getSimpleName());
                            } else {
                                stats.success(System.nanoTime() - start);
                            }
                            done.run();
                        });
            };
            return driver.closedLoop(inFlight, op, List.of(stats), null).get(0);
        } finally {
            client.shutdown();
        }
    }
}
