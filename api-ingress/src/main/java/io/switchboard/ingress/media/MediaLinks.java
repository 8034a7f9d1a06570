package io.switchboard.ingress.media;

import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.RequestFields;
import io.switchboard.schemas.avro.MediaRef;
import java.net.URI;
import java.util.Locale;

/**
 * A media object given by reference: exactly one of {@code link} (a public https URL, at most 2,048 characters) or
 * {@code id} (a Cloud API media id, at most 128), and for documents an optional {@code filename} (240; its extension
 * sets the icon in WhatsApp).
 */
public final class MediaLinks {

    static final int MAX_LINK_LENGTH = 2048;

    private MediaLinks() {
    }

    public static MediaRef reference(RequestFields fields, boolean document) {
        String link = fields.optionalText("link", MAX_LINK_LENGTH);
        String id = fields.optionalText("id", 128);
        if ((link == null) == (id == null)) {
            throw invalid(fields.path("link") + " or " + fields.path("id") + " is required (exactly one)");
        }
        if (link != null) {
            https(fields.path("link"), link);
        }
        String filename = document ? fields.optionalText("filename", 240) : null;
        return MediaRef.newBuilder().setLink(link).setId(id).setFilename(filename).build();
    }

    /** Throws VALIDATION_ERROR unless {@code link} is an absolute https URL with a host. */
    public static String https(String field, String link) {
        try {
            URI uri = URI.create(link);
            if (uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                    && uri.getHost() != null && !uri.getHost().isBlank()) {
                return link;
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw invalid(field + " must be a public https URL");
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
