package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code POST /_sim/inbound} body: a customer ({@code from}, a phone number with or without {@code +}) writes to
 * a business number ({@code to_phone_number_id}, else the configured default) exactly one of a {@code text}, a
 * {@code button_reply} {id, title}, a {@code list_reply} {id, title, description?}, a {@code button} {payload,
 * text} (a template quick-reply tap) or a media message ({@code image}, {@code video}, {@code audio},
 * {@code document} or {@code sticker}: {id, caption?, filename?} where id is a media id uploaded to the simulator),
 * optionally quoting a business
 * message ({@code context_wamid}) and with a {@code profile_name}. The limits are those WhatsApp puts on what a
 * customer can send or tap (text 4096, button id 256 / title 20, row id 200 / title 24 / description 72,
 * quick-reply payload 1000 / text 25), so that
 * a reply that could never come from a phone is refused with {@link IllegalArgumentException}.
 *
 * @param kind        {@code text}, {@code button_reply}, {@code list_reply}, {@code button} or a media type
 * @param text        the text, the chosen button or row id, the quick-reply payload, or the media id
 * @param title       the chosen button or row title, the quick-reply label or the media caption; null for text
 * @param description the chosen row's description or a document's file name; null when none
 */
public record InboundRequest(String from, String phoneNumberId, @Nullable String profileName,
                             @Nullable String contextWamid, String kind, String text,
                             @Nullable String title, @Nullable String description) {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");
    /** The media message types a customer can send that the simulator plays. */
    public static final List<String> MEDIA_TYPES = List.of("image", "video", "audio", "document",
            "sticker");

    public static InboundRequest parse(JsonNode root, String defaultPhoneNumberId) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object.");
        }
        String from = string(root, "from", 16, true);
        if (!PHONE.matcher(from).matches()) {
            throw new IllegalArgumentException("\"from\" must be a phone number: 5 to 15 digits with an optional +.");
        }
        String phoneNumberId = string(root, "to_phone_number_id", 32, false);
        if (phoneNumberId == null) {
            phoneNumberId = defaultPhoneNumberId;
        } else if (!PHONE_NUMBER_ID.matcher(phoneNumberId).matches()) {
            throw new IllegalArgumentException("\"to_phone_number_id\" must be digits.");
        }
        String profileName = string(root, "profile_name", 256, false);
        String context = string(root, "context_wamid", 512, false);
        String digits = CustomerWindows.digits(from);
        int kinds = (root.get("text") != null ? 1 : 0) + (root.get("button_reply") != null ? 1 : 0)
                + (root.get("list_reply") != null ? 1 : 0) + (root.get("button") != null ? 1 : 0)
                + (int) MEDIA_TYPES.stream().filter(type -> root.get(type) != null).count();
        if (kinds != 1) {
            throw new IllegalArgumentException("Exactly one of \"text\", \"button_reply\", \"list_reply\","
                    + " \"button\" or a media object (" + String.join(", ", MEDIA_TYPES) + ") is required.");
        }
        for (String type : MEDIA_TYPES) {
            JsonNode media = root.get(type);
            if (media != null) {
                if (!media.isObject()) {
                    throw new IllegalArgumentException("\"" + type + "\" must be an object with the \"id\" of an"
                            + " uploaded media.");
                }
                return new InboundRequest(digits, phoneNumberId, profileName, context, type,
                        string(media, type + ".id", "id", 128, true),
                        string(media, type + ".caption", "caption", 1024, false),
                        string(media, type + ".filename", "filename", 240, false));
            }
        }
        if (root.get("button") != null) {
            JsonNode button = root.get("button");
            if (!button.isObject()) {
                throw new IllegalArgumentException("\"button\" must be an object with \"payload\" and \"text\".");
            }
            return new InboundRequest(digits, phoneNumberId, profileName, context, "button",
                    string(button, "button.payload", "payload", 1000, true),
                    string(button, "button.text", "text", 25, true), null);
        }
        if (root.get("text") != null) {
            return new InboundRequest(digits, phoneNumberId, profileName, context, "text",
                    string(root, "text", 4096, true), null, null);
        }
        boolean button = root.get("button_reply") != null;
        String name = button ? "button_reply" : "list_reply";
        JsonNode reply = root.get(name);
        if (!reply.isObject()) {
            throw new IllegalArgumentException("\"" + name + "\" must be an object with \"id\" and \"title\".");
        }
        String id = string(reply, name + ".id", "id", button ? 256 : 200, true);
        String title = string(reply, name + ".title", "title", button ? 20 : 24, true);
        String description = button ? null : string(reply, name + ".description", "description", 72, false);
        if (button && reply.get("description") != null) {
            throw new IllegalArgumentException("\"button_reply\" has no description (only list rows do).");
        }
        return new InboundRequest(digits, phoneNumberId, profileName, context, name, id, title, description);
    }

    @Nullable
    private static String string(JsonNode parent, String key, int max, boolean required) {
        return string(parent, key, key, max, required);
    }

    @Nullable
    private static String string(JsonNode parent, String label, String key, int max, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("\"" + label + "\" is required.");
            }
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + label + "\" must be a string.");
        }
        String text = value.getStringValue();
        if (required && text.isBlank()) {
            throw new IllegalArgumentException("\"" + label + "\" must not be empty.");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new IllegalArgumentException("\"" + label + "\" must be at most " + max + " characters.");
        }
        return text;
    }

    /** Whether this is a tap on an interactive message (which WhatsApp always sends with a context). */
    public boolean isReply() {
        return List.of("button_reply", "list_reply", "button").contains(kind);
    }

    /** Whether this is a media message (its {@link #text()} is the media id). */
    public boolean isMedia() {
        return MEDIA_TYPES.contains(kind);
    }
}
