package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.simulator.JsonFields.child;
import static io.switchboard.simulator.JsonFields.optionalBoolean;
import static io.switchboard.simulator.JsonFields.optionalObject;
import static io.switchboard.simulator.JsonFields.optionalText;
import static io.switchboard.simulator.JsonFields.path;
import static io.switchboard.simulator.JsonFields.requiredArray;
import static io.switchboard.simulator.JsonFields.requiredObject;
import static io.switchboard.simulator.JsonFields.requiredOneOf;
import static io.switchboard.simulator.JsonFields.requiredText;
import static io.switchboard.simulator.JsonFields.requiredUrl;

/**
 * Accepts a {@code POST /messages} body only if the real Cloud API would (Meta's send guide:
 * developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages):
 * {@code messaging_product} is {@code whatsapp}; {@code to} is digits with an optional {@code +}; {@code type}
 * (text when omitted, as Meta defaults it) is a known type whose body object is present and within Meta's limits;
 * {@code biz_opaque_callback_data} is at most 512 characters. The first violation is thrown as a
 * {@link GraphErrorException}: 100 for a missing or mistyped parameter, 131009 for a bad value, 131051 for an
 * unknown type. Interactive bodies are checked by {@link InteractiveValidator}.
 */
@Singleton
public class SendRequestValidator {

    static final Set<String> TYPES = Set.of("text", "image", "video", "audio", "document", "sticker",
            "template", "interactive", "reaction", "location", "contacts");
    static final int MAX_CALLBACK_DATA = 512;
    static final int MAX_TEXT_BODY = 4096;
    static final int MAX_CAPTION = 1024;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");
    private static final List<String> RECIPIENT_TYPES = List.of("individual");
    private static final List<String> TEMPLATE_COMPONENTS =
            List.of("header", "body", "footer", "button", "carousel", "limited_time_offer");

    public ValidatedRequest validate(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw GraphError.invalidParameter("The request body must be a JSON object.").exception();
        }
        requiredOneOf(root, "", "messaging_product", List.of("whatsapp"));
        if (child(root, "status") != null) {
            return markRead(root);
        }
        if (child(root, "recipient_type") != null) {
            requiredOneOf(root, "", "recipient_type", RECIPIENT_TYPES);
        }
        String to = requiredText(root, "", "to", 32);
        if (!PHONE.matcher(to).matches()) {
            throw GraphError.invalidValue("Param to must be a phone number: 5 to 15 digits with an optional"
                    + " leading +.").exception();
        }
        String type = optionalText(root, "", "type", 64);
        if (type == null) {
            type = "text";
        }
        if (!TYPES.contains(type)) {
            throw GraphError.unsupportedType("Param type must be one of " + TYPES.stream().sorted().toList()
                    + " - got \"" + type + "\".").exception();
        }
        validateBody(root, type);
        JsonNode context = optionalObject(root, "", "context");
        if (context != null) {
            if ("reaction".equals(type)) {
                throw GraphError.invalidValue("Param context is not allowed on a reaction.").exception();
            }
            requiredText(context, "context", "message_id", 512);
        }
        String callbackData = optionalText(root, "", "biz_opaque_callback_data", MAX_CALLBACK_DATA);
        return new ValidatedRequest.MessageSend(to, to.startsWith("+") ? to.substring(1) : to, type, callbackData);
    }

    private static ValidatedRequest markRead(JsonNode root) {
        requiredOneOf(root, "", "status", List.of("read"));
        String messageId = requiredText(root, "", "message_id", 512);
        JsonNode typing = optionalObject(root, "", "typing_indicator");
        if (typing != null) {
            requiredOneOf(typing, "typing_indicator", "type", List.of("text"));
        }
        return new ValidatedRequest.MarkRead(messageId);
    }

    private static void validateBody(JsonNode root, String type) {
        if ("contacts".equals(type)) {
            contacts(requiredArray(root, "", "contacts", 1, 257));
            return;
        }
        JsonNode body = requiredObject(root, "", type);
        switch (type) {
            case "text" -> {
                requiredText(body, "text", "body", MAX_TEXT_BODY);
                optionalBoolean(body, "text", "preview_url");
            }
            case "image", "video" -> media(body, type, true, false);
            case "document" -> media(body, type, true, true);
            case "audio", "sticker" -> media(body, type, false, false);
            case "reaction" -> reaction(body);
            case "location" -> location(body);
            case "template" -> template(body);
            case "interactive" -> InteractiveValidator.validate(body);
            default -> throw new IllegalStateException("type checked above: " + type);
        }
    }

    /** A media object: exactly one of {@code id}/{@code link}, a caption only where WhatsApp shows one. */
    static void media(JsonNode media, String path, boolean captionAllowed, boolean filenameAllowed) {
        boolean hasId = child(media, "id") != null;
        boolean hasLink = child(media, "link") != null;
        if (hasId == hasLink) {
            throw (hasId
                    ? GraphError.invalidValue("Param " + path + " must have either id or link, not both.")
                    : GraphError.invalidParameter("Param " + path + " must have an id or a link.")).exception();
        }
        if (hasId) {
            requiredText(media, path, "id", 256);
        } else {
            requiredUrl(media, path, "link", 2048);
        }
        if (captionAllowed) {
            optionalText(media, path, "caption", MAX_CAPTION);
        } else if (child(media, "caption") != null) {
            throw GraphError.invalidParameter("Param " + path(path, "caption") + " is not supported for "
                    + path + ".").exception();
        }
        if (filenameAllowed) {
            optionalText(media, path, "filename", 240);
        }
        optionalBoolean(media, path, "voice");
    }

    private static void reaction(JsonNode reaction) {
        requiredText(reaction, "reaction", "message_id", 512);
        // An empty emoji is valid: it removes the reaction.
        if (optionalText(reaction, "reaction", "emoji", 16) == null) {
            throw JsonFields.missing("reaction['emoji']");
        }
    }

    private static void location(JsonNode location) {
        coordinate(location, "latitude", 90);
        coordinate(location, "longitude", 180);
        optionalText(location, "location", "name", 1000);
        optionalText(location, "location", "address", 1000);
    }

    private static void coordinate(JsonNode location, String key, double limit) {
        JsonNode value = child(location, key);
        String path = path("location", key);
        if (value == null) {
            throw JsonFields.missing(path);
        }
        double degrees;
        try {
            // Meta's own examples send coordinates as strings as often as numbers.
            degrees = value.isNumber() ? value.getDoubleValue() : Double.parseDouble(value.getStringValue());
        } catch (RuntimeException e) {
            throw GraphError.invalidParameter("Param " + path + " must be a number.").exception();
        }
        if (Double.isNaN(degrees) || Math.abs(degrees) > limit) {
            throw GraphError.invalidValue("Param " + path + " must be between -" + (int) limit + " and "
                    + (int) limit + ".").exception();
        }
    }

    private static void contacts(JsonNode contacts) {
        for (int i = 0; i < contacts.size(); i++) {
            String path = path("contacts", i);
            JsonNode contact = contacts.get(i);
            if (!contact.isObject()) {
                throw GraphError.invalidParameter("Param " + path + " must be a JSON object.").exception();
            }
            requiredText(requiredObject(contact, path, "name"), path(path, "name"), "formatted_name", 1024);
        }
    }

    private static void template(JsonNode template) {
        requiredText(template, "template", "name", 512);
        JsonNode language = requiredObject(template, "template", "language");
        requiredText(language, "template['language']", "code", 16);
        if (child(language, "policy") != null) {
            requiredOneOf(language, "template['language']", "policy", List.of("deterministic"));
        }
        if (child(template, "components") == null) {
            return;
        }
        JsonNode components = requiredArray(template, "template", "components", 0, 20);
        for (int i = 0; i < components.size(); i++) {
            String path = path("template['components']", i);
            JsonNode component = components.get(i);
            if (!component.isObject()) {
                throw GraphError.invalidParameter("Param " + path + " must be a JSON object.").exception();
            }
            String kind = requiredOneOf(component, path, "type", TEMPLATE_COMPONENTS);
            if ("button".equals(kind)) {
                requiredText(component, path, "sub_type", 64);
                if (child(component, "index") == null) {
                    throw JsonFields.missing(path(path, "index"));
                }
            }
            if (child(component, "parameters") != null) {
                JsonNode parameters = requiredArray(component, path, "parameters", 0, 100);
                for (int p = 0; p < parameters.size(); p++) {
                    JsonNode parameter = parameters.get(p);
                    String parameterPath = path(path(path, "parameters"), p);
                    if (!parameter.isObject()) {
                        throw GraphError.invalidParameter("Param " + parameterPath + " must be a JSON object.")
                                .exception();
                    }
                    requiredText(parameter, parameterPath, "type", 64);
                }
            }
        }
    }
}
