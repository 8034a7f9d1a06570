package io.switchboard.ingress.media;

import io.switchboard.schemas.avro.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * WhatsApp's media types and size limits (Cloud API media reference): image 5 MB (image/jpeg, image/png), video
 * 16 MB (video/mp4, video/3gpp), audio 16 MB (audio/aac, audio/amr, audio/mpeg, audio/mp4, and audio/ogg only with
 * the opus codec), document 100 MB (text/plain, PDF, Word, Excel, PowerPoint). Uploads through this API are capped
 * at {@link #MAX_UPLOAD_BYTES} (16 MB) whatever the type, so the request body (base64) stays bounded; larger
 * documents go by link.
 */
public final class MediaRules {

    public static final long MB = 1024L * 1024L;
    public static final long MAX_UPLOAD_BYTES = 16 * MB;

    private static final Map<MediaType, Long> LIMITS = Map.of(MediaType.IMAGE, 5 * MB, MediaType.VIDEO, 16 * MB,
            MediaType.AUDIO, 16 * MB, MediaType.DOCUMENT, 100 * MB);
    private static final Map<MediaType, Set<String>> MIME_TYPES = Map.of(
            MediaType.IMAGE, Set.of("image/jpeg", "image/png"),
            MediaType.VIDEO, Set.of("video/mp4", "video/3gpp"),
            MediaType.AUDIO, Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg; codecs=opus"),
            MediaType.DOCUMENT, Set.of("text/plain", "application/pdf", "application/vnd.ms-excel",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/msword",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private MediaRules() {
    }

    /** The largest upload of this type this API takes: WhatsApp's limit, at most 16 MB. */
    public static long uploadLimit(MediaType type) {
        return Math.min(LIMITS.get(type), MAX_UPLOAD_BYTES);
    }

    /** WhatsApp's own limit for the type. */
    public static long whatsappLimit(MediaType type) {
        return LIMITS.get(type);
    }

    /** The MIME type in canonical form (lower case, "; codecs=opus" spacing), or null when not allowed. */
    public static String allowedMimeType(MediaType type, String mimeType) {
        String canonical = mimeType.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", "; ");
        return MIME_TYPES.get(type).contains(canonical) ? canonical : null;
    }

    public static Set<String> mimeTypes(MediaType type) {
        return MIME_TYPES.get(type);
    }
}
