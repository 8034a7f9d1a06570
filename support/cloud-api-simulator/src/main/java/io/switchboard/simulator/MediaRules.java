package io.switchboard.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Cloud API accepts as an upload (Meta's media guide,
 * developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media): the MIME
 * types of each media kind and its size limit: image jpeg/png 5 MB; video mp4/3gpp 16 MB; audio aac/amr/mpeg/mp4/ogg 16 MB;
 * document plain text, pdf and the Office formats 100 MB; sticker webp 100 KB, or 500 KB when animated. Any
 * other type is code 100 with Meta's list of the accepted ones; too large is 131053. The file's bytes are not
 * decoded (codecs, colour depth and OPUS-in-ogg are not checked), except for the WebP header's animation flag.
 */
final class MediaRules {

    private static final long MB = 1024L * 1024;
    private static final long STATIC_STICKER = 100L * 1024;
    private static final long ANIMATED_STICKER = 500L * 1024;

    private static final Map<String, Long> LIMITS = Map.ofEntries(
            Map.entry("image/jpeg", 5 * MB), Map.entry("image/png", 5 * MB),
            Map.entry("video/mp4", 16 * MB), Map.entry("video/3gpp", 16 * MB),
            Map.entry("audio/aac", 16 * MB), Map.entry("audio/amr", 16 * MB), Map.entry("audio/mpeg", 16 * MB),
            Map.entry("audio/mp4", 16 * MB), Map.entry("audio/ogg", 16 * MB),
            Map.entry("text/plain", 100 * MB), Map.entry("application/pdf", 100 * MB),
            Map.entry("application/vnd.ms-excel", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 100 * MB),
            Map.entry("application/msword", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 100 * MB),
            Map.entry("application/vnd.ms-powerpoint", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", 100 * MB),
            Map.entry("image/webp", ANIMATED_STICKER));

    private MediaRules() {
    }

    /** The MIME type without parameters, lower case ({@code audio/ogg; codecs=opus} is {@code audio/ogg}). */
    static String baseType(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Throws Meta's error unless a file of this type and content may be uploaded. */
    static void check(String mimeType, byte[] content) {
        String type = baseType(mimeType);
        Long limit = LIMITS.get(type);
        if (limit == null) {
            throw GraphError.invalidParameter("Param file must be a file with one of the following types: "
                    + String.join(", ", List.copyOf(new java.util.TreeSet<>(LIMITS.keySet())))
                    + ". Received file of type '" + type + "'.").exception();
        }
        if ("image/webp".equals(type) && !isAnimatedWebp(content)) {
            limit = STATIC_STICKER;
        }
        if (content.length > limit) {
            throw GraphError.mediaError("File of type " + type + " is " + content.length + " bytes; the limit is "
                    + limit + " bytes" + ("image/webp".equals(type) ? " (static stickers 100 KB, animated 500 KB)"
                    : "") + ".").exception();
        }
        if (content.length == 0) {
            throw GraphError.invalidParameter("Param file is empty.").exception();
        }
    }

    /** A WebP with a VP8X chunk whose animation flag (bit 1 of the flags byte) is set. */
    static boolean isAnimatedWebp(byte[] content) {
        return content.length > 20 && content[12] == 'V' && content[13] == 'P' && content[14] == '8'
                && content[15] == 'X' && (content[20] & 0x02) != 0;
    }
}
