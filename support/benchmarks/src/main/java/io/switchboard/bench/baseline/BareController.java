package io.switchboard.bench.baseline;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The trivial endpoint of the HTTP baseline: reads the body and answers 202 with a small fixed JSON, on the same
 * Micronaut/Netty stack as the services. Whatever a service does beyond this is its own cost.
 */
@Controller("/bare")
public class BareController {

    private static final String ANSWER = "{\"success\":true,\"data\":{\"status\":\"queued\"}}";

    @Post(uri = "/{+path}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> accept(String path, @Body String body) {
        return HttpResponse.accepted().body(ANSWER);
    }
}
