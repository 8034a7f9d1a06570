package io.switchboard.ingress.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.PreparedSend;
import io.switchboard.ingress.send.RequestFields;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /messages/media} (permission send_media, free-form: needs the customer-service window): {@code type}
 * (image, video, audio, document), {@code to}, exactly one of {@code link} (public https URL, sent as a link) or
 * {@code base64} (with {@code mime_type}; decoded, checked against WhatsApp's MIME types and size limits, uploaded
 * to the Cloud API once the send gate allowed it, and sent by media id), optional {@code caption} (1,024; not for
 * audio), optional {@code filename} (240; documents only), optional {@code reference}. In simulate mode nothing is
 * uploaded and the request shows the placeholder id {@value #SIMULATED_MEDIA_ID}.
 */
@Singleton
public class MediaSendEndpoint {

    public static final String SIMULATED_MEDIA_ID = "SIMULATED_UPLOAD_MEDIA_ID";

    private final CloudApiMediaClient client;

    public MediaSendEndpoint(CloudApiMediaClient client) {
        this.client = client;
    }

    public PreparedSend prepare(ObjectNode body, Account account) {
        RequestFields fields = new RequestFields(body);
        String typeName = fields.requiredText("type", 20).toLowerCase(Locale.ROOT);
        MediaType type = switch (typeName) {
            case "image" -> MediaType.IMAGE;
            case "video" -> MediaType.VIDEO;
            case "audio" -> MediaType.AUDIO;
            case "document" -> MediaType.DOCUMENT;
            default -> throw invalid("type must be one of image, video, audio, document");
        };
        String to = fields.phone("to");
        String link = fields.optionalText("link", MediaLinks.MAX_LINK_LENGTH);
        String base64 = body.has("base64") && body.get("base64").isTextual() ? body.get("base64").textValue() : null;
        if (body.has("base64") && !body.get("base64").isNull() && base64 == null) {
            throw invalid("base64 must be a string");
        }
        if ((link == null) == (base64 == null)) {
            throw invalid("exactly one of link or base64 is required");
        }
        String caption = fields.optionalText("caption", 1024);
        if (caption != null && type == MediaType.AUDIO) {
            throw invalid("caption is not allowed for audio");
        }
        String filename = fields.optionalText("filename", 240);
        if (filename != null && type != MediaType.DOCUMENT) {
            throw invalid("filename is only allowed for documents");
        }
        String reference = fields.optionalText("reference", 100);
        MediaContent.Builder content = MediaContent.newBuilder().setType(type).setCaption(caption)
                .setFilename(filename);
        MessageKind kind = MessageKind.valueOf(type.name());
        if (link != null) {
            MediaLinks.https("link", link);
            return PreparedSend.of(to, reference, "media_" + typeName, true, List.of(),
                    command -> command.setKind(kind).setMedia(content.setLink(link).build()));
        }
        String mimeType = allowedMimeType(fields, type);
        byte[] bytes = decode(base64, type);
        content.setMimeType(mimeType);
        String uploadName = filename != null ? filename : typeName;
        return new PreparedSend() {
            @Override
            public String to() {
                return to;
            }

            @Override
            @Nullable
            public String reference() {
                return reference;
            }

            @Override
            public String kind() {
                return "media_" + typeName;
            }

            @Override
            public boolean freeForm() {
                return true;
            }

            @Override
            public CompletableFuture<Void> fill(SendCommand.Builder command, boolean simulate) {
                CompletableFuture<String> id = simulate ? CompletableFuture.completedFuture(SIMULATED_MEDIA_ID)
                        : client.upload(account.getPhoneNumberId(), bytes, mimeType, uploadName);
                return id.thenAccept(mediaId -> command.setKind(kind).setMedia(content.setMediaId(mediaId).build()));
            }
        };
    }

    private static String allowedMimeType(RequestFields fields, MediaType type) {
        String given = fields.optionalText("mime_type", 255);
        if (given == null) {
            throw invalid("mime_type is required with base64");
        }
        String allowed = MediaRules.allowedMimeType(type, given);
        if (allowed == null) {
            throw invalid("mime_type " + (given.length() > 80 ? given.substring(0, 80) + "..." : given)
                    + " is not allowed for " + type.name().toLowerCase(Locale.ROOT) + "; use one of "
                    + String.join(", ", MediaRules.mimeTypes(type).stream().sorted().toList()));
        }
        return allowed;
    }

    private static byte[] decode(String base64, MediaType type) {
        if (base64.regionMatches(true, 0, "data:", 0, 5)) {
            // A data URL (what a browser's FileReader gives): its prefix is not base64.
            int comma = base64.indexOf(',');
            String prefix = comma > 0 && comma <= 100 ? base64.substring(0, comma + 1) : "data:...;base64,";
            throw invalid("base64 must be the file's base64 content alone, not a data URL: drop the \"" + prefix
                    + "\" prefix and give the MIME type in mime_type");
        }
        String compact = base64.replaceAll("\\s", "");
        long limit = MediaRules.uploadLimit(type);
        // Refuse before decoding: 4 base64 characters carry 3 bytes.
        if (compact.length() / 4L * 3L > limit + 3) {
            throw tooLarge(type, limit);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw invalid("base64 is not valid base64");
        }
        if (bytes.length == 0) {
            throw invalid("base64 must not be empty");
        }
        if (bytes.length > limit) {
            throw tooLarge(type, limit);
        }
        return bytes;
    }

    private static InvalidRequestException tooLarge(MediaType type, long limit) {
        String name = type.name().toLowerCase(Locale.ROOT);
        return invalid("base64 content is too large: " + name + " uploads may be at most " + limit / MediaRules.MB
                + " MB" + (MediaRules.whatsappLimit(type) > limit ? " (larger " + name + "s up to "
                + MediaRules.whatsappLimit(type) / MediaRules.MB + " MB can be sent by link)" : ""));
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
