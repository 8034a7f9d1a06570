package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The simulator's own endpoints under {@code /_sim} (no Meta counterpart), for tests and local users: what was
 * sent, newest first, one message by wamid, and a reset. They need no token: the simulator is a local tool.
 */
@Controller(value = "/_sim", produces = MediaType.APPLICATION_JSON)
public class SimulatorController {

    private final SentMessages sentMessages;

    public SimulatorController(SentMessages sentMessages) {
        this.sentMessages = sentMessages;
    }

    /** {@code {"messages":[...]}}, at most {@code limit} (default 100), newest first. */
    @Get("/messages{?limit}")
    public MessageList messages(@QueryValue(defaultValue = "100") int limit) {
        return new MessageList(sentMessages.recent(limit));
    }

    @Get("/messages/{wamid}")
    public HttpResponse<Object> message(@PathVariable String wamid) {
        return sentMessages.find(wamid)
                .<HttpResponse<Object>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(Map.of("error", "no recent message has this wamid")));
    }

    /** Forgets every recorded message; statuses already scheduled still go out. */
    @Delete("/messages")
    public HttpResponse<Object> clear() {
        sentMessages.clear();
        return HttpResponse.noContent();
    }

    /** The list answer, an object so that fields can be added without breaking readers; an empty list is kept. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MessageList(List<SentMessage> messages) {
    }
}
