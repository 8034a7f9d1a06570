package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every parameter a send of a template must give, read from its components as the Cloud API lists them. A slot
 * is one value the sender gives; it fills one or more of WhatsApp's parameters ({@link Slot#fills()}):
 * <ul>
 *   <li>TEXT: a {@code {{n}}} or {@code {{name}}} placeholder of a TEXT header ({@code header.1},
 *       {@code header.order_id}) or of the body ({@code body.1}, {@code body.customer_name}); positional ones in
 *       number order (the order WhatsApp fills them), named ones by first appearance;</li>
 *   <li>MEDIA / LOCATION: an IMAGE, VIDEO or DOCUMENT header ({@code header.image}...), a LOCATION header; a
 *       DOCUMENT header also takes an optional FILENAME ({@code header.filename});</li>
 *   <li>OFFER_EXPIRATION: a limited-time offer with {@code has_expiration}
 *       ({@code limited_time_offer.expiration});</li>
 *   <li>URL_SUFFIX: a URL button whose url has a placeholder ({@code button.0.1});</li>
 *   <li>OTP: the one-time code of an authentication template, given once: it fills the body's {@code {{1}}} and the
 *       OTP button ({@code otp}, filling {@code body.1} and {@code button.0.1}). WhatsApp lists a created OTP
 *       button as a URL button to {@value #OTP_URL_PREFIX}..., or as type OTP: both are read;</li>
 *   <li>COUPON: a copy-code button's coupon code ({@code button.0.coupon_code}).</li>
 * </ul>
 * Header first, then body, offer, buttons. Anything unreadable counts as "no parameters" (the Cloud API then judges).
 *
 * @param slots every value a send gives
 */
public record TemplateSlots(List<Slot> slots) {

    static final String OTP_URL_PREFIX = "https://www.whatsapp.com/otp/code/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Set<String> MEDIA = Set.of("image", "video", "document");

    /** What a slot takes and how it reaches WhatsApp. */
    public enum Kind { TEXT, MEDIA, LOCATION, FILENAME, OFFER_EXPIRATION, URL_SUFFIX, OTP, COUPON }

    /**
     * One value of a send.
     *
     * @param kind what it is
     * @param component header, body, limited_time_offer or button (OTP: button)
     * @param buttonIndex the button's index (buttons only)
     * @param key the placeholder's number or name, or the media format of a media header
     * @param fills the WhatsApp parameters it fills, as placeholders ({@code body.1}, {@code button.0.1})
     */
    public record Slot(Kind kind, String component, @Nullable String buttonIndex, String key, List<String> fills) {

        /** The slot's own name, used by variable mappings: e.g. body.1, header.image, button.0.1, otp. */
        public String placeholder() {
            return kind == Kind.OTP ? "otp" : fills.get(0);
        }

        /** Whether a send must give it (a document's file name is optional). */
        public boolean required() {
            return kind != Kind.FILENAME;
        }

        public boolean isMedia() {
            return kind == Kind.MEDIA;
        }
    }

    public static TemplateSlots of(String componentsJson) {
        JsonNode components;
        try {
            components = JSON.readTree(componentsJson);
        } catch (Exception e) {
            return new TemplateSlots(List.of());
        }
        if (components == null || !components.isArray()) {
            return new TemplateSlots(List.of());
        }
        List<Slot> header = new ArrayList<>();
        List<String> body = new ArrayList<>();
        List<Slot> offer = new ArrayList<>();
        List<Slot> buttons = new ArrayList<>();
        Integer otpButton = null;
        for (JsonNode component : components) {
            switch (component.path("type").asText("").toUpperCase(Locale.ROOT)) {
                case "HEADER" -> header.addAll(header(component));
                case "BODY" -> body.addAll(keys(component.path("text").asText("")));
                case "LIMITED_TIME_OFFER" -> {
                    if (component.path("limited_time_offer").path("has_expiration").asBoolean(false)) {
                        offer.add(new Slot(Kind.OFFER_EXPIRATION, "limited_time_offer", null, "expiration",
                                List.of("limited_time_offer.expiration")));
                    }
                }
                case "BUTTONS" -> {
                    int index = 0;
                    for (JsonNode button : component.path("buttons")) {
                        String i = Integer.toString(index++);
                        String type = button.path("type").asText("").toUpperCase(Locale.ROOT);
                        String url = button.path("url").asText("");
                        if ("OTP".equals(type) || "URL".equals(type) && url.startsWith(OTP_URL_PREFIX)) {
                            otpButton = otpButton == null ? index - 1 : otpButton;
                        } else if ("URL".equals(type) && !keys(url).isEmpty()) {
                            buttons.add(new Slot(Kind.URL_SUFFIX, "button", i, "1", List.of("button." + i + ".1")));
                        } else if ("COPY_CODE".equals(type)) {
                            buttons.add(new Slot(Kind.COUPON, "button", i, "coupon_code",
                                    List.of("button." + i + ".coupon_code")));
                        }
                    }
                }
                default -> {
                    // FOOTER and others take no parameters.
                }
            }
        }
        List<Slot> all = new ArrayList<>(header);
        for (String key : body) {
            if (otpButton != null && key.equals("1")) {
                continue;
            }
            all.add(new Slot(Kind.TEXT, "body", null, key, List.of("body." + key)));
        }
        if (otpButton != null) {
            String i = otpButton.toString();
            List<String> fills = body.contains("1") ? List.of("body.1", "button." + i + ".1")
                    : List.of("button." + i + ".1");
            Slot otp = new Slot(Kind.OTP, "button", i, "code", fills);
            if (body.contains("1")) {
                all.add(header.size(), otp);
            } else {
                all.add(otp);
            }
        }
        all.addAll(offer);
        all.addAll(buttons);
        return new TemplateSlots(List.copyOf(all));
    }

    private static List<Slot> header(JsonNode component) {
        String format = component.path("format").asText("TEXT").toLowerCase(Locale.ROOT);
        List<Slot> slots = new ArrayList<>();
        if (format.equals("text")) {
            keys(component.path("text").asText(""))
                    .forEach(k -> slots.add(new Slot(Kind.TEXT, "header", null, k, List.of("header." + k))));
        } else if (MEDIA.contains(format)) {
            slots.add(new Slot(Kind.MEDIA, "header", null, format, List.of("header." + format)));
            if (format.equals("document")) {
                slots.add(new Slot(Kind.FILENAME, "header", null, "filename", List.of("header.filename")));
            }
        } else if (format.equals("location")) {
            slots.add(new Slot(Kind.LOCATION, "header", null, "location", List.of("header.location")));
        }
        return slots;
    }

    /** Slots of one component (button: of one index). */
    public List<Slot> of(String component, @Nullable String buttonIndex) {
        return slots.stream().filter(s -> s.component().equals(component)
                && (buttonIndex == null || buttonIndex.equals(s.buttonIndex()))).toList();
    }

    /** The slot a placeholder names: its own name or one of the parameters it fills; null when none. */
    @Nullable
    public Slot named(String placeholder) {
        return slots.stream().filter(s -> s.placeholder().equals(placeholder) || s.fills().contains(placeholder))
                .findFirst().orElse(null);
    }

    /** How many parameters the header or the body of a send must carry. */
    public int parameterCount(String component) {
        String prefix = component + ".";
        return (int) slots.stream().filter(s -> s.kind() != Kind.FILENAME)
                .flatMap(s -> s.fills().stream()).filter(f -> f.startsWith(prefix)).count();
    }

    private static List<String> keys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        List<String> ordered = new ArrayList<>(keys);
        if (ordered.stream().allMatch(k -> k.matches("\\d+"))) {
            ordered.sort(Comparator.comparingInt(Integer::parseInt));
        }
        return ordered;
    }
}
