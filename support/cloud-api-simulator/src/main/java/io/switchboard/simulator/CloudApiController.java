package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.util.concurrent.CompletableFuture;

/**
 * The simulated Graph API send endpoint, {@code POST /{version}/{phone-number-id}/messages}, and its version-less
 * form (Meta then uses the newest version). Any version string is accepted: the simulator speaks one dialect.
 * The body is taken as raw bytes so that it is validated, and remembered, exactly as it arrived.
 */
@Controller
public class CloudApiController {

    private final SendService sendService;

    public CloudApiController(SendService sendService) {
        this.sendService = sendService;
    }

    @Post(uri = "/{version}/{phoneNumberId}/messages", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<Object>> send(@PathVariable String version,
                                                        @PathVariable String phoneNumberId,
                                                        @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                        @Nullable @Body byte[] body) {
        return sendUnversioned(phoneNumberId, authorization, body);
    }

    @Post(uri = "/{phoneNumberId}/messages", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<Object>> sendUnversioned(@PathVariable String phoneNumberId,
                                                                   @Nullable @Header(HttpHeaders.AUTHORIZATION)
                                                                   String authorization,
                                                                   @Nullable @Body byte[] body) {
        return sendService.send(phoneNumberId, authorization, body)
                .thenApply(answer -> HttpResponse.status(HttpStatus.valueOf(answer.status()))
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(answer.body()));
    }
}
