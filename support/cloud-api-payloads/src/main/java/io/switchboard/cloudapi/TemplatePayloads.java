package io.switchboard.cloudapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.CurrencyParameter;
import io.switchboard.schemas.avro.LocationParameter;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Cloud API's {@code template} object. Components travel as given (header, body and button components,
 * buttons with {@code sub_type} and a string {@code index}); each parameter becomes Meta's typed object, with
 * {@code parameter_name} whenever the template uses named placeholders.
 *
 * <p>A simplified send carries {@code variables} instead of components: they become one body component, named
 * parameters sorted by name, or positional ones in numeric order when every name is a number ({@code "1"},
 * {@code "2"}…), since positional templates must not receive {@code parameter_name}. Components win when both are set.
 */
final class TemplatePayloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ObjectNode template(TemplateContent template) {
        if (template.getName() == null || template.getName().isBlank()) {
            throw new InvalidCommandException("template name is missing");
        }
        if (template.getLanguage() == null || template.getLanguage().isBlank()) {
            throw new InvalidCommandException("template language is missing");
        }
        ObjectNode node = NODES.objectNode();
        node.put("name", template.getName());
        node.putObject("language").put("code", template.getLanguage());
        ArrayNode components = NODES.arrayNode();
        if (template.getComponents() != null && !template.getComponents().isEmpty()) {
            template.getComponents().forEach(c -> components.add(component(c)));
        } else if (template.getVariables() != null && !template.getVariables().isEmpty()) {
            components.add(bodyFromVariables(template.getVariables()));
        }
        if (!components.isEmpty()) {
            node.set("components", components);
        }
        return node;
    }

    private static ObjectNode component(TemplateComponent component) {
        if (component.getType() == null || component.getType().isBlank()) {
            throw new InvalidCommandException("template component without a type");
        }
        ObjectNode node = NODES.objectNode();
        node.put("type", component.getType().toLowerCase(Locale.ROOT));
        if (component.getSubType() != null) {
            node.put("sub_type", component.getSubType());
        }
        if (component.getIndex() != null) {
            node.put("index", component.getIndex());
        }
        if (component.getParameters() != null && !component.getParameters().isEmpty()) {
            ArrayNode parameters = node.putArray("parameters");
            component.getParameters().forEach(p -> parameters.add(parameter(p)));
        }
        return node;
    }

    private static ObjectNode parameter(TemplateParameter parameter) {
        String type = parameter.getType() == null ? "" : parameter.getType().toLowerCase(Locale.ROOT);
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        if (parameter.getParameterName() != null) {
            node.put("parameter_name", parameter.getParameterName());
        }
        switch (type) {
            case "text" -> node.put("text", requireText(parameter.getText(), "text"));
            case "payload" -> node.put("payload", requireText(parameter.getPayload(), "payload"));
            case "coupon_code" -> node.put("coupon_code", requireText(parameter.getText(), "coupon_code"));
            case "currency" -> node.set("currency", currency(parameter.getCurrency()));
            case "date_time" -> node.putObject("date_time")
                    .put("fallback_value", requireText(parameter.getDateTimeFallback(), "date_time"));
            case "image", "video", "document" -> node.set(type, MediaObjects.of(parameter.getMedia(), type));
            case "location" -> node.set("location", location(parameter.getLocation()));
            case "limited_time_offer" -> node.putObject("limited_time_offer")
                    .put("expiration_time_ms", requireValue(parameter.getExpirationTimeMs(), "limited_time_offer"));
            default -> throw new InvalidCommandException("unsupported template parameter type '" + type + "'");
        }
        return node;
    }

    private static ObjectNode currency(CurrencyParameter currency) {
        if (currency == null) {
            throw new InvalidCommandException("currency parameter needs a currency");
        }
        ObjectNode node = NODES.objectNode();
        node.put("fallback_value", currency.getFallbackValue());
        node.put("code", currency.getCode());
        node.put("amount_1000", currency.getAmount1000());
        return node;
    }

    private static ObjectNode location(LocationParameter location) {
        if (location == null) {
            throw new InvalidCommandException("location parameter needs a location");
        }
        ObjectNode node = NODES.objectNode();
        node.put("latitude", location.getLatitude());
        node.put("longitude", location.getLongitude());
        if (location.getName() != null) {
            node.put("name", location.getName());
        }
        if (location.getAddress() != null) {
            node.put("address", location.getAddress());
        }
        return node;
    }

    private static ObjectNode bodyFromVariables(Map<String, String> variables) {
        boolean positional = variables.keySet().stream().allMatch(k -> k.matches("\\d{1,3}"));
        List<Map.Entry<String, String>> entries = new ArrayList<>(variables.entrySet());
        entries.sort(positional ? Comparator.comparingInt(e -> Integer.parseInt(e.getKey()))
                : Map.Entry.comparingByKey());
        ObjectNode body = NODES.objectNode();
        body.put("type", "body");
        ArrayNode parameters = body.putArray("parameters");
        for (Map.Entry<String, String> entry : entries) {
            ObjectNode parameter = parameters.addObject();
            parameter.put("type", "text");
            if (!positional) {
                parameter.put("parameter_name", entry.getKey());
            }
            parameter.put("text", entry.getValue() == null ? "" : entry.getValue());
        }
        return body;
    }

    private static long requireValue(Long value, String what) {
        if (value == null) {
            throw new InvalidCommandException(what + " parameter needs its expiration_time_ms");
        }
        return value;
    }

    private static String requireText(String value, String what) {
        if (value == null) {
            throw new InvalidCommandException(what + " parameter needs a value");
        }
        return value;
    }
}
