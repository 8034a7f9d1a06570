package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.Template;
import java.util.List;
import java.util.Locale;

/**
 * The public view of a template: name, language, category, status, parameter_format, components (the Cloud API's,
 * parsed) and {@code variables}: what a named send ({@code POST /messages/template/send}) must give, one entry per
 * value with the variable {@code name}, the {@code placeholder} it is mapped by, the WhatsApp parameters it
 * {@code fills} (the one-time code of an authentication template fills {@code body.1} and {@code button.0.1}),
 * its {@code type} (text, image, video, document, location, timestamp), whether it is {@code required}, a
 * {@code description} of what it is, and any {@code aliases} (other names accepted for it).
 */
public final class TemplateViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateViews() {
    }

    public static ObjectNode view(Template template) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", template.getName());
        node.put("language", template.getLanguage());
        node.put("category", template.getCategory());
        node.put("status", template.getStatus().toUpperCase(Locale.ROOT));
        node.put("parameter_format", template.getParameterFormat());
        JsonNode components = components(template.getComponentsJson());
        node.set("components", components);
        ArrayNode variables = node.putArray("variables");
        TemplateShapes shapes = TemplateShapes.of(template);
        for (TemplateSlots.Slot slot : shapes.slots().slots()) {
            List<String> names = shapes.names(slot);
            ObjectNode variable = variables.addObject();
            variable.put("name", names.isEmpty() ? slot.placeholder() : names.get(0));
            variable.put("placeholder", slot.placeholder());
            slot.fills().forEach(variable.putArray("fills")::add);
            variable.put("type", type(slot));
            variable.put("required", slot.required());
            variable.put("description", description(slot, components));
            if (names.size() > 1) {
                names.subList(1, names.size()).forEach(variable.putArray("aliases")::add);
            }
        }
        return node;
    }

    private static String type(TemplateSlots.Slot slot) {
        return switch (slot.kind()) {
            case MEDIA -> slot.key();
            case LOCATION -> "location";
            case OFFER_EXPIRATION -> "timestamp";
            default -> "text";
        };
    }

    private static String description(TemplateSlots.Slot slot, JsonNode components) {
        return switch (slot.kind()) {
            case TEXT -> "the " + slot.component() + "'s {{" + slot.key() + "}}";
            case MEDIA -> "the header " + slot.key() + ": an https link, or the id of an uploaded media";
            case FILENAME -> "the file name shown for the header document (optional)";
            case LOCATION -> "the header location: {\"latitude\", \"longitude\", \"name\"?, \"address\"?}";
            case OFFER_EXPIRATION -> "when the limited-time offer expires: Unix epoch milliseconds or an ISO-8601"
                    + " date-time";
            case URL_SUFFIX -> "the end of the URL of button " + slot.buttonIndex() + " (" + buttonUrl(components,
                    slot.buttonIndex()) + ")";
            case OTP -> "the one-time code, shown in the body and copied by button " + slot.buttonIndex()
                    + " (at most " + SlotValues.MAX_CODE_LENGTH + " characters)";
            case COUPON -> "the coupon code copied by button " + slot.buttonIndex() + " (at most "
                    + SlotValues.MAX_CODE_LENGTH + " characters)";
        };
    }

    private static String buttonUrl(JsonNode components, String index) {
        for (JsonNode component : components) {
            if ("BUTTONS".equalsIgnoreCase(component.path("type").asText())) {
                return component.path("buttons").path(Integer.parseInt(index)).path("url").asText("");
            }
        }
        return "";
    }

    private static JsonNode components(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.createArrayNode() : node;
        } catch (Exception e) {
            return JSON.createArrayNode();
        }
    }
}
