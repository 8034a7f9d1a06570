package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Plays a customer writing to a business number ({@code POST /_sim/inbound}): the message gets a new wamid, opens
 * (or restarts) the customer-service window in {@link CustomerWindows} at once, as the customer's message does at
 * Meta whatever becomes of the webhook, and is posted as a signed inbound webhook. A button or list reply without
 * {@code context_wamid} quotes the newest interactive message the simulator sent that customer from that number
 * (a quick-reply tap: the newest template), because WhatsApp always attaches the context of the message tapped. The answer waits for the first delivery
 * attempt only: 200 once it got its 200, 202 while redeliveries go on, 502 when it was dropped.
 */
@Singleton
public class InboundService {

    private static final Logger LOG = LoggerFactory.getLogger(InboundService.class);

    private final SimulatorConfig config;
    private final CustomerWindows windows;
    private final SentMessages sentMessages;
    private final WebhookPayloads payloads;
    private final WebhookDeliverer deliverer;
    private final MeterRegistry meters;
    private final MediaStore media;

    public InboundService(SimulatorConfig config, CustomerWindows windows, SentMessages sentMessages,
                          WebhookPayloads payloads, WebhookDeliverer deliverer, MeterRegistry meters,
                          MediaStore media) {
        this.media = media;
        this.config = config;
        this.windows = windows;
        this.sentMessages = sentMessages;
        this.payloads = payloads;
        this.deliverer = deliverer;
        this.meters = meters;
    }

    /** An HTTP status and the JSON body of the answer. */
    public record Answer(int status, Object body) {
    }

    /** The answer body: the inbound message's wamid and what became of its webhook's first attempt. */
    @Serdeable
    public record Delivery(String wamid,
                           @JsonProperty("delivered_to_webhook") boolean deliveredToWebhook,
                           boolean redelivering) {
    }

    /** The body of a refusal: what is wrong. */
    @Serdeable
    public record Refusal(String error) {
    }

    public String defaultPhoneNumberId() {
        return config.getDefaultPhoneNumberId();
    }

    public CompletableFuture<Answer> receive(InboundRequest request) {
        if (!deliverer.enabled()) {
            return CompletableFuture.completedFuture(new Answer(409, new Refusal("simulator.webhook-url is not set:"
                    + " there is nowhere to post the inbound message.")));
        }
        if (request.isMedia() && media.find(request.text()).isEmpty()) {
            return CompletableFuture.completedFuture(new Answer(400, new Refusal("\"" + request.kind()
                    + ".id\" must be the id of a media uploaded to the simulator (POST /{version}/{phone-number-id}/media).")));
        }
        String wamid = Identifiers.newWamid();
        InboundWebhookMessage message = message(request, wamid, Long.toString(Instant.now().getEpochSecond()));
        windows.customerWrote(request.phoneNumberId(), request.from());
        String profileName = request.profileName() != null ? request.profileName()
                : "Customer " + request.from().substring(request.from().length() - 4);
        byte[] body = payloads.inbound(request.phoneNumberId(), profileName, message);
        String what = "inbound " + request.kind() + " " + wamid + " from " + Identifiers.maskPhone("+" + request.from());
        meters.counter("simulator.inbound", "type", request.kind()).increment();
        LOG.debug("Posting {}", what);
        return deliverer.deliverReporting(body, what).thenApply(outcome -> switch (outcome) {
            case DELIVERED -> new Answer(200, new Delivery(wamid, true, false));
            case REDELIVERING -> new Answer(202, new Delivery(wamid, false, true));
            case DROPPED -> new Answer(502, new Delivery(wamid, false, false));
        });
    }

    private InboundWebhookMessage message(InboundRequest request, String wamid, String timestamp) {
        InboundWebhookMessage.Context context = context(request);
        if (request.isMedia()) {
            MediaStore.StoredMedia stored = media.find(request.text()).orElseThrow();
            return InboundWebhookMessage.media(context, request.from(), wamid, timestamp, request.kind(),
                    new InboundWebhookMessage.Media(request.title(), request.description(), stored.mimeType(),
                            stored.sha256(), stored.id()));
        }
        return switch (request.kind()) {
            case "text" -> InboundWebhookMessage.text(context, request.from(), wamid, timestamp, request.text());
            case "button" -> InboundWebhookMessage.quickReply(context, request.from(), wamid, timestamp,
                    request.text(), request.title());
            case "button_reply" -> InboundWebhookMessage.buttonReply(context, request.from(), wamid, timestamp,
                    request.text(), request.title());
            default -> InboundWebhookMessage.listReply(context, request.from(), wamid, timestamp,
                    request.text(), request.title(), request.description());
        };
    }

    @Nullable
    private InboundWebhookMessage.Context context(InboundRequest request) {
        String quoted = request.contextWamid();
        if (quoted == null && request.isReply()) {
            String tapped = "button".equals(request.kind()) ? "template" : "interactive";
            quoted = sentMessages.latestTo(request.phoneNumberId(), request.from(), tapped)
                    .map(SentMessage::wamid).orElse(null);
        }
        return quoted == null ? null : new InboundWebhookMessage.Context(config.getDisplayPhoneNumber(), quoted);
    }
}
