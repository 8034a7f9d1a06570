package io.switchboard.cloudapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.MediaRef;

/**
 * Builds the Cloud API's media object: by uploaded media {@code id} when there is one (Meta's recommendation: no
 * fetch, no 10-minute link cache), else by public {@code link}. One of the two is required.
 */
final class MediaObjects {

    private MediaObjects() {
    }

    static ObjectNode byIdOrLink(String id, String link, String what) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (id != null && !id.isBlank()) {
            node.put("id", id);
        } else if (link != null && !link.isBlank()) {
            node.put("link", link);
        } else {
            throw new InvalidCommandException(what + " needs a media id or a link");
        }
        return node;
    }

    /** A media reference of a template parameter or an interactive header; documents keep their filename. */
    static ObjectNode of(MediaRef ref, String type) {
        if (ref == null) {
            throw new InvalidCommandException(type + " parameter needs media");
        }
        ObjectNode node = byIdOrLink(ref.getId(), ref.getLink(), type);
        if ("document".equals(type) && ref.getFilename() != null) {
            node.put("filename", ref.getFilename());
        }
        return node;
    }
}
