package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * What Meta checks about a well-formed send beyond its shape, in this order: every media {@code id} it uses
 * (the message's own media, an interactive media header, a template's media header parameter) must be a known
 * upload (else 100, as Meta answers an id that is not one of the account's attachments; a {@code link} is accepted
 * unfetched); a template must pass {@link TemplateRules}; a free-form message (every type but template, reactions
 * included) needs an open customer-service window ({@link CustomerWindows}), else 131047, thrown at once in
 * {@code sync} mode or returned as the failure of an otherwise accepted send in {@code webhook} mode. Templates
 * may always be sent, window or not.
 */
@Singleton
public class SendPolicy {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    private final MediaStore media;
    private final TemplateRules templates;
    private final CustomerWindows windows;
    private final WindowConfig.Mode windowMode;

    public SendPolicy(MediaStore media, TemplateRules templates, CustomerWindows windows, WindowConfig config) {
        this.media = media;
        this.templates = templates;
        this.windows = windows;
        this.windowMode = config.getMode();
    }

    /**
     * The verdict on an accepted send.
     *
     * @param templateCategory the template's category for pricing, lower case; null for other messages
     * @param failure          the error its {@code failed} status must carry (webhook window mode); null when none
     */
    public record Decision(@Nullable String templateCategory, @Nullable GraphError failure) {
    }

    /** Throws a {@link GraphErrorException} for a send Meta refuses synchronously. */
    public Decision check(String phoneNumberId, ValidatedRequest.MessageSend send, JsonNode request) {
        checkMediaIds(send.type(), request);
        if (send.isTemplate()) {
            return new Decision(templates.check(phoneNumberId, request.get("template")), null);
        }
        if (windowMode == WindowConfig.Mode.OFF || windows.isOpen(phoneNumberId, send.waId())) {
            return new Decision(null, null);
        }
        if (windowMode == WindowConfig.Mode.SYNC) {
            throw GraphError.reEngagement().exception();
        }
        return new Decision(null, GraphError.reEngagement());
    }

    private void checkMediaIds(String type, JsonNode request) {
        if (MEDIA_TYPES.contains(type)) {
            checkMedia(request.get(type), type);
        } else if ("interactive".equals(type)) {
            JsonNode header = request.get("interactive").get("header");
            if (header != null && header.isObject() && header.get("type") != null && header.get("type").isString()) {
                String headerType = header.get("type").getStringValue();
                checkMedia(header.get(headerType), "interactive['header']['" + headerType + "']");
            }
        } else if ("template".equals(type)) {
            JsonNode components = request.get("template").get("components");
            if (components == null || !components.isArray()) {
                return;
            }
            for (JsonNode component : components.values()) {
                JsonNode parameters = component.get("parameters");
                if (parameters == null || !parameters.isArray()) {
                    continue;
                }
                for (JsonNode parameter : parameters.values()) {
                    String parameterType = parameter.get("type").getStringValue();
                    if (MEDIA_TYPES.contains(parameterType)) {
                        checkMedia(parameter.get(parameterType), parameterType);
                    }
                }
            }
        }
    }

    private void checkMedia(@Nullable JsonNode object, String path) {
        if (object == null || !object.isObject()) {
            return;
        }
        JsonNode id = object.get("id");
        if (id != null && id.isString() && media.find(id.getStringValue()).isEmpty()) {
            throw GraphError.invalidParameter("Param " + path + "['id'] is not a valid whatsapp business account"
                    + " media attachment ID").exception();
        }
    }
}
