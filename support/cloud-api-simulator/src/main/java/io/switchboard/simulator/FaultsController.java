package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.util.Map;
import java.util.function.Function;

/**
 * Fault injection at run time ({@code /_sim}, no token): {@code GET /_sim/faults} shows the plan in force,
 * {@code PUT} replaces it (the start-up plan with the body merged over it), {@code PATCH} merges the body into it,
 * {@code DELETE} goes back to the start-up plan; each answers the plan now in force, or 400
 * {@code {"error":"..."}} naming the bad field (the plan in force then stays). {@code GET /_sim/stats} and
 * {@code POST /_sim/stats/reset} read and restart the send counters.
 */
@Controller(value = "/_sim", produces = MediaType.APPLICATION_JSON)
public class FaultsController {

    private final Faults faults;
    private final SendStats stats;

    public FaultsController(Faults faults, SendStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    @Get("/faults")
    public FaultPlan plan() {
        return faults.plan();
    }

    @Put(uri = "/faults", consumes = MediaType.ALL)
    public HttpResponse<Object> replace(@Nullable @Body byte[] body) {
        return change(body, faults::replace);
    }

    @Patch(uri = "/faults", consumes = MediaType.ALL)
    public HttpResponse<Object> patch(@Nullable @Body byte[] body) {
        return change(body, faults::patch);
    }

    @Delete("/faults")
    public FaultPlan reset() {
        return faults.reset();
    }

    @Get("/stats")
    public SendStats.View stats() {
        return stats.view();
    }

    @Post(uri = "/stats/reset", consumes = MediaType.ALL)
    public SendStats.View resetStats() {
        stats.reset();
        return stats.view();
    }

    private static HttpResponse<Object> change(@Nullable byte[] body, Function<byte[], FaultPlan> change) {
        if (body == null || body.length == 0) {
            return HttpResponse.badRequest(Map.of("error", "the body must be a JSON fault plan"));
        }
        try {
            return HttpResponse.ok(change.apply(body));
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
    }
}
