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
import java.util.regex.Pattern;

/**
 * The {@code components} of a raw template send, in the Cloud API's shape: read into the command's
 * components (passed through as given) and checked against the template ({@link TemplateSlots}): the header's and
 * the body's parameter counts must equal the template's placeholders (a media or location header takes one
 * parameter, an authentication template's body its code), a text parameter has no line break, tab or run of more
 * than four spaces (WhatsApp refuses them), a limited-time offer with an expiration needs its
 * {@code limited_time_offer} component, and a button with a URL placeholder, a one-time code or a coupon code needs
 * its button component ({@code sub_type} url, or copy_code for a coupon) with one parameter. Quick-reply payloads
 * are passed through unchecked.
 */
public final class RawComponents {

    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button", "limited_time_offer");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "currency", "date_time", "image", "video",
            "document", "location", "payload", "coupon_code", "limited_time_offer");
    private static final Pattern BAD_WHITESPACE = Pattern.compile("[\\n\\r\\t]| {5,}");

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
            throw invalid(path + ".type must be one of header, body, button, limited_time_offer");
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
            case "limited_time_offer" -> {
                JsonNode expiration = node.path("limited_time_offer").path("expiration_time_ms");
                if (!expiration.isIntegralNumber() || expiration.asLong() <= 0) {
                    throw invalid(path + ".limited_time_offer.expiration_time_ms must be the offer's expiry in Unix"
                            + " epoch milliseconds");
                }
                parameter.setExpirationTimeMs(expiration.asLong());
            }
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
            int needed = slots.parameterCount(type);
            List<TemplateParameter> given = components.stream().filter(c -> c.getType().equals(type))
                    .flatMap(c -> c.getParameters().stream()).toList();
            if (needed != given.size()) {
                throw invalid("components: " + type + " has " + given.size() + " parameter(s) but " + what
                        + " needs " + needed);
            }
            if (given.stream().anyMatch(p -> p.getText() != null && p.getType().equals("text")
                    && BAD_WHITESPACE.matcher(p.getText()).find())) {
                throw invalid("components: a " + type + " text parameter contains a line break, a tab or more than"
                        + " four spaces in a row; WhatsApp refuses them in template parameters");
            }
        }
        boolean offer = slots.slots().stream().anyMatch(s -> s.kind() == TemplateSlots.Kind.OFFER_EXPIRATION);
        if (offer && components.stream().filter(c -> c.getType().equals("limited_time_offer"))
                .flatMap(c -> c.getParameters().stream()).noneMatch(p -> p.getExpirationTimeMs() != null)) {
            throw invalid("components: " + what + " has a limited-time offer with an expiration: add a"
                    + " limited_time_offer component with its expiration_time_ms");
        }
        for (TemplateSlots.Slot slot : slots.slots()) {
            buttonCheck(components, slot, what);
        }
    }

    private static void buttonCheck(List<TemplateComponent> components, TemplateSlots.Slot slot, String what) {
        String reason = switch (slot.kind()) {
            case URL_SUFFIX -> "its URL has a placeholder";
            case OTP -> "the one-time code";
            case COUPON -> "the coupon code";
            default -> null;
        };
        if (reason == null) {
            return;
        }
        String subType = slot.kind() == TemplateSlots.Kind.COUPON ? "copy_code" : "url";
        List<TemplateComponent> buttons = components.stream()
                .filter(c -> c.getType().equals("button") && slot.buttonIndex().equals(c.getIndex())).toList();
        int given = buttons.stream().mapToInt(c -> c.getParameters().size()).sum();
        if (given != 1) {
            throw invalid("components: button " + slot.buttonIndex() + " has " + given + " parameter(s) but " + what
                    + " needs 1 (" + reason + ")");
        }
        if (!subType.equals(buttons.get(0).getSubType())) {
            throw invalid("components: button " + slot.buttonIndex() + " of " + what + " takes sub_type " + subType
                    + " (" + reason + ")");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
