package io.switchboard.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhook callback URL. GET answers the verification handshake; POST hands the raw body bytes (never a
 * re-serialized object: the signature covers the exact bytes) to {@link WebhookIntake} and answers when it is done:
 * 200 once every record is acknowledged by Kafka, 401 for a bad signature, 400 for a body that is not a JSON object,
 * 503 when Kafka did not acknowledge in time (Meta then redelivers).
 */
@Controller("/webhooks/whatsapp")
public class WebhookController {

    /** {@code {"status":"ok"}}, the body of a 200. */
    @Serdeable
    public record Acknowledgement(String status) {
    }

    /** The body of a refusal: a stable code and a human-readable reason. */
    @Serdeable
    public record ErrorBody(String code, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final SubscriptionHandshake handshake;
    private final WebhookIntake intake;

    public WebhookController(WebhookConfig config, WebhookIntake intake) {
        this.handshake = new SubscriptionHandshake(config.verifyToken());
        this.intake = intake;
    }

    @Get(produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> verify(@Nullable @QueryValue("hub.mode") String mode,
            @Nullable @QueryValue("hub.verify_token") String token,
            @Nullable @QueryValue("hub.challenge") String challenge) {
        return handshake.answer(mode, token, challenge)
                .<HttpResponse<String>>map(HttpResponse::ok)
                .orElseGet(() -> {
                    LOG.warn("Webhook verification refused (subscribe mode: {}, token present: {}, challenge: {})",
                            "subscribe".equals(mode), token != null, challenge != null);
                    return HttpResponse.<String>status(HttpStatus.FORBIDDEN).body("verification refused");
                });
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.ALL}, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<MutableHttpResponse<?>> receive(@Nullable @Body byte[] body,
            @Nullable @Header(SignatureVerifier.HEADER) String signature) {
        return intake.receive(body, signature).thenApply(WebhookController::respond);
    }

    private static MutableHttpResponse<?> respond(WebhookIntake.Result result) {
        return switch (result.outcome()) {
            case ACCEPTED -> HttpResponse.ok(new Acknowledgement("ok"));
            case BAD_SIGNATURE -> HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(new ErrorBody("INVALID_SIGNATURE", result.detail()));
            case MALFORMED -> HttpResponse.badRequest(new ErrorBody("MALFORMED_BODY", result.detail()));
            case UNAVAILABLE -> HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ErrorBody("NOT_STORED", result.detail()));
        };
    }
}
