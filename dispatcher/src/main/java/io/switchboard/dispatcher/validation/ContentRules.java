package io.switchboard.dispatcher.validation;

import static io.switchboard.dispatcher.validation.RejectionCode.CONTENT_MISMATCH;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_MEDIA;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_TEMPLATE;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_TEXT;

import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of a send command, checked with api-ingress's limits: exactly the content field its kind names (an
 * {@code UNKNOWN} kind, from a newer producer, must carry exactly one); text 1 to 4,096 characters; a template's name
 * (512) and language code ("en", "en_US"), component types header/body/button (buttons with an index and sub-type)
 * and each parameter with the field its type needs; media by exactly one of an https link (2,048) or a media id
 * (128), caption (1,024) not on audio or stickers, filename (240) only on documents. Interactive content is checked
 * by {@link InteractiveRules}. Whether a template exists and is approved is WhatsApp's to say (132001, a FAILED
 * status), as is the customer-service window (131047).
 */
final class ContentRules {

    static final int MAX_TEXT = 4096;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?");
    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button", "limited_time_offer");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "currency", "date_time", "image", "video",
            "document", "location", "payload", "coupon_code", "limited_time_offer");

    private ContentRules() {
    }

    static void check(SendCommand command) {
        MessageKind kind = command.getKind();
        List<String> present = present(command);
        String expected = switch (kind) {
            case TEXT -> "text";
            case TEMPLATE -> "template";
            case IMAGE, VIDEO, AUDIO, DOCUMENT -> "media";
            case INTERACTIVE_LIST, INTERACTIVE_BUTTON, INTERACTIVE_CTA_URL -> "interactive";
            default -> present.size() == 1 ? present.get(0) : null;
        };
        if (expected == null) {
            throw Rejection.of(CONTENT_MISMATCH, "kind " + kind + " needs exactly one content field, found "
                    + (present.isEmpty() ? "none" : String.join(", ", present)));
        }
        if (!present.contains(expected)) {
            throw Rejection.of(CONTENT_MISMATCH, "kind " + kind + " needs " + expected + ", which is not set");
        }
        if (present.size() > 1) {
            throw Rejection.of(CONTENT_MISMATCH, "kind " + kind + " carries only " + expected + ", but "
                    + String.join(", ", present.stream().filter(f -> !f.equals(expected)).toList()) + " is set too");
        }
        switch (expected) {
            case "text" -> Limits.required(INVALID_TEXT, "text.body", command.getText().getBody(), MAX_TEXT);
            case "template" -> template(command.getTemplate());
            case "media" -> media(kind, command.getMedia());
            default -> InteractiveRules.check(kind, command.getInteractive());
        }
    }

    private static List<String> present(SendCommand command) {
        List<String> present = new ArrayList<>();
        if (command.getText() != null) {
            present.add("text");
        }
        if (command.getTemplate() != null) {
            present.add("template");
        }
        if (command.getMedia() != null) {
            present.add("media");
        }
        if (command.getInteractive() != null) {
            present.add("interactive");
        }
        return present;
    }

    private static void template(TemplateContent template) {
        Limits.required(INVALID_TEMPLATE, "template.name", template.getName(), 512);
        String language = Limits.required(INVALID_TEMPLATE, "template.language", template.getLanguage(), 15);
        if (!LANGUAGE.matcher(language).matches()) {
            throw Rejection.of(INVALID_TEMPLATE, "template.language must be a template language code such as en or en_US");
        }
        List<TemplateComponent> components = template.getComponents();
        for (int i = 0; i < components.size(); i++) {
            component(components.get(i), "template.components[" + i + "]");
        }
        Map<String, String> variables = template.getVariables();
        if (variables != null) {
            variables.forEach((name, value) -> {
                Limits.required(INVALID_TEMPLATE, "template.variables key", name, 512);
                Limits.required(INVALID_TEMPLATE, "template.variables." + name, value, 4096);
            });
        }
    }

    private static void component(TemplateComponent component, String path) {
        String type = component.getType() == null ? "" : component.getType().toLowerCase(Locale.ROOT);
        if (!COMPONENT_TYPES.contains(type)) {
            throw Rejection.of(INVALID_TEMPLATE, path + ".type must be one of header, body, button,"
                    + " limited_time_offer");
        }
        if (type.equals("button")) {
            if (component.getIndex() == null || !component.getIndex().matches("\\d{1,2}")) {
                throw Rejection.of(INVALID_TEMPLATE, path + ".index must be the button's index, e.g. \"0\"");
            }
            if (component.getSubType() == null || component.getSubType().isBlank()) {
                throw Rejection.of(INVALID_TEMPLATE, path + ".subType is required for a button (url, quick_reply, copy_code)");
            }
        }
        List<TemplateParameter> parameters = component.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            parameter(parameters.get(i), path + ".parameters[" + i + "]");
        }
    }

    private static void parameter(TemplateParameter parameter, String path) {
        String type = parameter.getType() == null ? "" : parameter.getType().toLowerCase(Locale.ROOT);
        if (!PARAMETER_TYPES.contains(type)) {
            throw Rejection.of(INVALID_TEMPLATE, path + ".type must be one of " + String.join(", ",
                    PARAMETER_TYPES.stream().sorted().toList()));
        }
        boolean complete = switch (type) {
            case "text", "coupon_code" -> notEmpty(parameter.getText());
            case "payload" -> notEmpty(parameter.getPayload());
            case "date_time" -> notEmpty(parameter.getDateTimeFallback());
            case "currency" -> parameter.getCurrency() != null && notEmpty(parameter.getCurrency().getCode())
                    && notEmpty(parameter.getCurrency().getFallbackValue());
            case "location" -> parameter.getLocation() != null;
            case "limited_time_offer" -> parameter.getExpirationTimeMs() != null;
            default -> {
                reference(INVALID_TEMPLATE, path + ".media", parameter.getMedia());
                yield true;
            }
        };
        if (!complete) {
            throw Rejection.of(INVALID_TEMPLATE, path + " of type " + type + " lacks its value");
        }
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    private static void media(MessageKind kind, MediaContent media) {
        MediaType type = media.getType();
        if (kind != MessageKind.UNKNOWN && type != MediaType.STICKER && !type.name().equals(kind.name())) {
            throw Rejection.of(INVALID_MEDIA, "media.type " + type + " does not match kind " + kind);
        }
        exactlyOne(INVALID_MEDIA, "media", media.getLink(), media.getMediaId());
        if (media.getCaption() != null && (type == MediaType.AUDIO || type == MediaType.STICKER)) {
            throw Rejection.of(INVALID_MEDIA, "media.caption is not allowed for " + type.name().toLowerCase(Locale.ROOT));
        }
        Limits.optional(INVALID_MEDIA, "media.caption", media.getCaption(), 1024);
        if (media.getFilename() != null && type != MediaType.DOCUMENT) {
            throw Rejection.of(INVALID_MEDIA, "media.filename is only allowed for documents");
        }
        Limits.optional(INVALID_MEDIA, "media.filename", media.getFilename(), 240);
    }

    /** A media object by reference (template parameter, interactive header). */
    static void reference(RejectionCode code, String path, MediaRef media) {
        if (media == null) {
            throw Rejection.of(code, path + " is required");
        }
        exactlyOne(code, path, media.getLink(), media.getId());
        Limits.optional(code, path + ".filename", media.getFilename(), 240);
    }

    private static void exactlyOne(RejectionCode code, String path, String link, String id) {
        boolean hasLink = link != null && !link.isBlank();
        boolean hasId = id != null && !id.isBlank();
        if (hasLink == hasId) {
            throw Rejection.of(code, path + " needs exactly one of link or id");
        }
        if (hasLink) {
            Limits.https(code, path + ".link", link, 2048);
        } else {
            Limits.optional(code, path + ".id", id, 128);
        }
    }
}
