package io.switchboard.infrastructure.http.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Micronaut route that records each request it executes. */
@Controller("/echo")
@Requires(property = "test.echo")
class EchoController {

    static final List<String> EXECUTED = new CopyOnWriteArrayList<>();

    @Post(consumes = "application/json", produces = "application/json")
    String post(@Body byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        EXECUTED.add("POST " + text);
        return text;
    }

    @Get(produces = "text/plain")
    String get() {
        EXECUTED.add("GET");
        return "ok";
    }
}
