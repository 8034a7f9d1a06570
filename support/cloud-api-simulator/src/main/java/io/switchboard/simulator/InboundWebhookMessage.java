package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One {@code messages[]} element of an inbound webhook, in Meta's field order: {@code context} (only on a reply
 * to a business message), {@code from} (the customer's digits, no {@code +}), {@code id} (a wamid),
 * {@code timestamp} (Unix seconds as a string), {@code type}, then the object named by the type. The simulator
 * plays {@code text}, {@code interactive} ({@code button_reply} / {@code list_reply}), {@code button} (a tap on a
 * template's quick-reply button: {@code {"payload","text"}}) and media messages ({@code image}, {@code video},
 * {@code audio}, {@code document}, {@code sticker}: {@code {"caption"?,"filename"?,"mime_type","sha256","id"}}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboundWebhookMessage(@Nullable Context context,
                                    String from,
                                    String id,
                                    String timestamp,
                                    String type,
                                    @Nullable Text text,
                                    @Nullable Interactive interactive,
                                    @Nullable Button button,
                                    @Nullable Media image,
                                    @Nullable Media video,
                                    @Nullable Media audio,
                                    @Nullable Media document,
                                    @Nullable Media sticker) {

    public static InboundWebhookMessage text(@Nullable Context context, String from, String id, String timestamp,
                                             String body) {
        return new InboundWebhookMessage(context, from, id, timestamp, "text", new Text(body), null, null, null, null, null, null, null);
    }

    public static InboundWebhookMessage buttonReply(@Nullable Context context, String from, String id,
                                                    String timestamp, String replyId, String title) {
        return new InboundWebhookMessage(context, from, id, timestamp, "interactive",
                null, new Interactive("button_reply", new Reply(replyId, title, null), null), null, null, null, null, null, null);
    }

    public static InboundWebhookMessage listReply(@Nullable Context context, String from, String id,
                                                  String timestamp, String replyId, String title,
                                                  @Nullable String description) {
        return new InboundWebhookMessage(context, from, id, timestamp, "interactive",
                null, new Interactive("list_reply", null, new Reply(replyId, title, description)), null, null, null, null, null, null);
    }

    public static InboundWebhookMessage quickReply(@Nullable Context context, String from, String id,
                                                   String timestamp, String payload, String text) {
        return new InboundWebhookMessage(context, from, id, timestamp, "button", null, null,
                new Button(payload, text), null, null, null, null, null);
    }

    /** A media message of the given type (one of {@link InboundRequest#MEDIA_TYPES}). */
    public static InboundWebhookMessage media(@Nullable Context context, String from, String id, String timestamp,
                                              String type, Media media) {
        return new InboundWebhookMessage(context, from, id, timestamp, type, null, null, null,
                "image".equals(type) ? media : null, "video".equals(type) ? media : null,
                "audio".equals(type) ? media : null, "document".equals(type) ? media : null,
                "sticker".equals(type) ? media : null);
    }

    /** A media object as Meta posts it: caption and file name when given, the type, the hash and the media id. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(@Nullable String caption, @Nullable String filename,
                        @JsonProperty("mime_type") String mimeType, String sha256, String id) {
    }

    /** {@code button}: the quick-reply button's payload (set by the business in the send) and its label. */
    @Serdeable
    public record Button(String payload, String text) {
    }

    /** {@code context}: the business number (display digits) and the wamid of the message replied to. */
    @Serdeable
    public record Context(String from, String id) {
    }

    /** {@code text}. */
    @Serdeable
    public record Text(String body) {
    }

    /** {@code interactive}: which reply, and the row or button chosen. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interactive(String type,
                              @JsonProperty("button_reply") @Nullable Reply buttonReply,
                              @JsonProperty("list_reply") @Nullable Reply listReply) {
    }

    /** A chosen button ({@code id}, {@code title}) or list row (plus {@code description} when the row had one). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String id, String title, @Nullable String description) {
    }
}
