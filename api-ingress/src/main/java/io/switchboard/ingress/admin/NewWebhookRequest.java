package io.switchboard.ingress.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A valid webhook endpoint request: {@code url} (required, absolute http or https, at most 2,048), {@code events}
 * (non-empty, from {@code message.status} and {@code message.received}, duplicates collapsed), {@code account_id}
 * (required on creation), {@code api_key_id} (optional: status events only of messages sent with that key) and
 * {@code description} (at most 500). On update every field is optional and an absent one keeps its value.
 */
public record NewWebhookRequest(@Nullable String accountId, @Nullable String apiKeyId, @Nullable String url,
                                @Nullable List<String> events, @Nullable String description) {

    public static final List<String> EVENTS = List.of("message.status", "message.received");

    /** A creation body: account_id, url and events are required. */
    public static NewWebhookRequest create(ObjectNode body) {
        AdminFields fields = new AdminFields(body);
        String accountId = fields.requiredText("account_id", 64);
        String url = url(fields.requiredText("url", 2048));
        return new NewWebhookRequest(accountId, fields.optionalText("api_key_id", 64), url, events(fields),
                fields.optionalText("description", 500));
    }

    /** An update body: any of url, events, api_key_id, description. */
    public static NewWebhookRequest update(ObjectNode body) {
        AdminFields fields = new AdminFields(body);
        String url = fields.optionalText("url", 2048);
        List<String> events = body.hasNonNull("events") ? events(fields) : null;
        return new NewWebhookRequest(null, fields.optionalText("api_key_id", 64), url == null ? null : url(url),
                events, fields.optionalText("description", 500));
    }

    private static List<String> events(AdminFields fields) {
        List<String> names = fields.strings("events");
        if (names.isEmpty()) {
            throw AdminFields.invalid("events must name at least one of: " + EVENTS);
        }
        Set<String> events = new LinkedHashSet<>();
        for (String name : names) {
            if (!EVENTS.contains(name)) {
                throw AdminFields.invalid("events: unknown event '" + (name.length() <= 40 ? name
                        : name.substring(0, 40) + "...") + "'; known: " + EVENTS);
            }
            events.add(name);
        }
        return List.copyOf(events);
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw AdminFields.invalid("url must be an absolute http or https URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw AdminFields.invalid("url must be an absolute http or https URL");
        }
    }
}
