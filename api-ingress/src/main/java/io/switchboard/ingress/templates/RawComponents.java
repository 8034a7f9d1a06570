package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.schemas.avro.CurrencyParameter;
import io.switchboard.schemas.avro.LocationParameter;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code components} of a raw template send (seed 000), in the Cloud API's shape: read into the command's
 * components (passed through as given) and checked against the template: the header's and the body's parameter
 * counts must equal the template's placeholders (a media header takes one media parameter), and a URL button with a
 * placeholder needs its button component with one parameter. Quick-reply payloads are passed through unchecked.
 */
public final class RawComponents {

    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "currency", "date_time", "image", "video",
            "document", "location", "payload", "coupon_code");

    private RawComponents() {
    }

    /** Reads {@code components} (absent or null = none) and checks the counts; throws VALIDATION_ERROR. */
    public static List<TemplateComponent> read(JsonNode components, Template template) {
        List<TemplateComponent> read = new ArrayList<>();
        if (components != null && !components.isNull()) {
            if (!components.isArray()) {
                throw invalid("components must be an array");
            }
            for (int i = 0; i < components.size(); i++) {
                read.add(component(components.get(i), "components[" + i + "]"));
            }
        }
        checkCounts(read, template);
        return read;
    }

    private static TemplateComponent component(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path + " must be an object");
        }
        String type = node.path("type").asText("").toLowerCase(Locale.ROOT);
        if (!COMPONENT_TYPES.contains(type)) {
            throw invalid(path + ".type must be one of header, body, button");
        }
        JsonNode parameters = node.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isArray()) {
            throw invalid(path + ".parameters must be an array");
        }
        List<TemplateParameter> read = new ArrayList<>();
        if (parameters != null && parameters.isArray()) {
            for (int i = 0; i < parameters.size(); i++) {
                read.add(parameter(parameters.get(i), path + ".parameters[" + i + "]"));
            }
        }
        String index = null;
        if (type.equals("button")) {
            JsonNode indexNode = node.get("index");
            if (indexNode == null || !(indexNode.isTextual() || indexNode.isIntegralNumber())
                    || !indexNode.asText().matches("\\d{1,2}")) {
                throw invalid(path + ".index must be the button's index, e.g. \"0\"");
            }
            index = indexNode.asText();
            if (!node.path("sub_type").isTextual()) {
                throw invalid(path + ".sub_type is required for a button (url, quick_reply, copy_code)");
            }
        }
        return TemplateComponent.newBuilder().setType(type)
                .setSubType(node.path("sub_type").isTextual() ? node.get("sub_type").asText() : null)
                .setIndex(index).setParameters(read).build();
    }

    private static TemplateParameter parameter(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path + " must be an object");
        }
        String type = node.path("type").asText("").toLowerCase(Locale.ROOT);
        if (!PARAMETER_TYPES.contains(type)) {
            throw invalid(path + ".type must be one of " + String.join(", ", PARAMETER_TYPES.stream().sorted()
                    .toList()));
        }
        TemplateParameter.Builder parameter = TemplateParameter.newBuilder().setType(type)
                .setParameterName(node.path("parameter_name").isTextual() ? node.get("parameter_name").asText()
                        : null);
        switch (type) {
            case "text" -> parameter.setText(text(node, "text", path));
            case "coupon_code" -> parameter.setText(text(node, "coupon_code", path));
            case "payload" -> parameter.setPayload(text(node, "payload", path));
            case "date_time" -> parameter.setDateTimeFallback(text(node.path("date_time"), "fallback_value",
                    path + ".date_time"));
            case "currency" -> {
                JsonNode currency = node.path("currency");
                if (!currency.path("amount_1000").isIntegralNumber()) {
                    throw invalid(path + ".currency.amount_1000 must be an integer");
                }
                parameter.setCurrency(CurrencyParameter.newBuilder()
                        .setFallbackValue(text(currency, "fallback_value", path + ".currency"))
                        .setCode(text(currency, "code", path + ".currency"))
                        .setAmount1000(currency.get("amount_1000").asLong()).build());
            }
            case "location" -> {
                JsonNode location = node.path("location");
                if (!location.path("latitude").isNumber() || !location.path("longitude").isNumber()) {
                    throw invalid(path + ".location needs numeric latitude and longitude");
                }
                parameter.setLocation(LocationParameter.newBuilder()
                        .setLatitude(location.get("latitude").asDouble())
                        .setLongitude(location.get("longitude").asDouble())
                        .setName(location.path("name").isTextual() ? location.get("name").asText() : null)
                        .setAddress(location.path("address").isTextual() ? location.get("address").asText() : null)
                        .build());
            }
            default -> parameter.setMedia(media(node.path(type), path + "." + type));
        }
        return parameter.build();
    }

    private static MediaRef media(JsonNode node, String path) {
        boolean link = node.path("link").isTextual() && !node.get("link").asText().isBlank();
        boolean id = node.path("id").isTextual() && !node.get("id").asText().isBlank();
        if (link == id) {
            throw invalid(path + " needs exactly one of link or id");
        }
        if (link && !node.get("link").asText().startsWith("https://")) {
            throw invalid(path + ".link must be an https URL");
        }
        return MediaRef.newBuilder().setLink(link ? node.get("link").asText() : null)
                .setId(id ? node.get("id").asText() : null)
                .setFilename(node.path("filename").isTextual() ? node.get("filename").asText() : null).build();
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalid(path + "." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static void checkCounts(List<TemplateComponent> components, Template template) {
        TemplateSlots slots = TemplateShapes.of(template).slots();
        String what = "template " + template.getName() + " (" + template.getLanguage() + ")";
        for (String type : List.of("header", "body")) {
            int needed = slots.of(type, null).size();
            int given = components.stream().filter(c -> c.getType().equals(type))
                    .mapToInt(c -> c.getParameters().size()).sum();
            if (needed != given) {
                throw invalid("components: " + type + " has " + given + " parameter(s) but " + what + " needs "
                        + needed);
            }
        }
        for (TemplateSlots.Slot slot : slots.of("button", null)) {
            int given = components.stream()
                    .filter(c -> c.getType().equals("button") && slot.buttonIndex().equals(c.getIndex()))
                    .mapToInt(c -> c.getParameters().size()).sum();
            if (given != 1) {
                throw invalid("components: button " + slot.buttonIndex() + " has " + given
                        + " parameter(s) but " + what + " needs 1 (its URL has a placeholder)");
            }
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
