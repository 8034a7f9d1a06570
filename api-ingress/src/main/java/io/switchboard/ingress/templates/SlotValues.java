package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.schemas.avro.LocationParameter;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.TemplateParameter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One variable's value turned into the WhatsApp parameters of its slot, refused (422 TEMPLATE_VARIABLE_INVALID,
 * naming the variable) when WhatsApp would refuse it after the send was accepted:
 * <ul>
 *   <li>text (header, body, URL suffix): a string or number of at most {@value #MAX_VALUE_LENGTH} characters,
 *       with no line break, no tab and no run of more than four spaces (WhatsApp's rule for template parameters);</li>
 *   <li>one-time code and coupon code: at most {@value #MAX_CODE_LENGTH} characters, no spaces;</li>
 *   <li>media header: an https link, or the id of media uploaded to WhatsApp (digits); a document's file name at
 *       most {@value #MAX_FILENAME} characters;</li>
 *   <li>location header: an object with {@code latitude} (-90 to 90), {@code longitude} (-180 to 180), optional
 *       {@code name} and {@code address};</li>
 *   <li>an offer's expiration: Unix epoch milliseconds, or an ISO-8601 date-time with an offset.</li>
 * </ul>
 */
final class SlotValues {

    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_CODE_LENGTH = 15;
    static final int MAX_FILENAME = 240;
    private static final Pattern BAD_WHITESPACE = Pattern.compile("[\\n\\r\\t]| {5,}");
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1,32}");

    /**
     * A parameter and the component it belongs to.
     *
     * @param component header, body, limited_time_offer, or button.<index>
     * @param parameter the parameter
     */
    record Placed(String component, TemplateParameter parameter) {
    }

    private SlotValues() {
    }

    /**
     * The parameters {@code value} gives {@code slot}; NAMED templates get {@code parameter_name} on header and body
     * text.
     */
    static List<Placed> fill(TemplateSlots.Slot slot, String variable, JsonNode value, boolean named) {
        return switch (slot.kind()) {
            case TEXT -> List.of(new Placed(slot.component(), TemplateParameter.newBuilder().setType("text")
                    .setText(text(variable, value, MAX_VALUE_LENGTH)).setParameterName(named ? slot.key() : null)
                    .build()));
            case URL_SUFFIX -> List.of(new Placed(button(slot), text(text(variable, value, MAX_VALUE_LENGTH))));
            case OTP -> {
                String code = code(variable, value, "one-time code");
                yield slot.fills().stream().map(fill -> new Placed(fill.startsWith("body.") ? "body" : button(slot),
                        text(code))).toList();
            }
            case COUPON -> List.of(new Placed(button(slot), TemplateParameter.newBuilder().setType("coupon_code")
                    .setText(code(variable, value, "coupon code")).build()));
            case MEDIA -> List.of(new Placed("header", TemplateParameter.newBuilder().setType(slot.key())
                    .setMedia(media(variable, value, slot.key())).build()));
            case LOCATION -> List.of(new Placed("header", TemplateParameter.newBuilder().setType("location")
                    .setLocation(location(variable, value)).build()));
            case OFFER_EXPIRATION -> List.of(new Placed("limited_time_offer", TemplateParameter.newBuilder()
                    .setType("limited_time_offer").setExpirationTimeMs(expiration(variable, value)).build()));
            case FILENAME -> List.of();
        };
    }

    /** A document header's file name. */
    static String filename(String variable, JsonNode value) {
        return plain(variable, value, MAX_FILENAME);
    }

    private static String button(TemplateSlots.Slot slot) {
        return "button." + slot.buttonIndex();
    }

    private static TemplateParameter text(String text) {
        return TemplateParameter.newBuilder().setType("text").setText(text).build();
    }

    private static String text(String variable, JsonNode value, int max) {
        String text = plain(variable, value, max);
        if (BAD_WHITESPACE.matcher(text).find()) {
            throw invalid(variable, "cannot contain line breaks, tabs or more than four spaces in a row: WhatsApp"
                    + " refuses them in template parameters");
        }
        return text;
    }

    private static String code(String variable, JsonNode value, String what) {
        String code = plain(variable, value, MAX_CODE_LENGTH);
        if (code.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(variable, "is a " + what + " and cannot contain spaces");
        }
        return code;
    }

    private static String plain(String variable, JsonNode value, int max) {
        if (!(value.isTextual() || value.isNumber())) {
            throw invalid(variable, "must be a string");
        }
        String text = value.asText();
        if (text.codePointCount(0, text.length()) > max) {
            throw invalid(variable, "must be at most " + max + " characters");
        }
        return text;
    }

    private static MediaRef media(String variable, JsonNode value, String type) {
        String text = value.isTextual() || value.isNumber() ? value.asText().strip() : "";
        if (text.startsWith("https://") && text.length() <= 2048) {
            return MediaRef.newBuilder().setLink(text).build();
        }
        if (MEDIA_ID.matcher(text).matches()) {
            return MediaRef.newBuilder().setId(text).build();
        }
        throw invalid(variable, "must be an https link to the header's " + type + " or the id of an uploaded media");
    }

    private static LocationParameter location(String variable, JsonNode value) {
        JsonNode latitude = value.path("latitude");
        JsonNode longitude = value.path("longitude");
        if (!value.isObject() || !latitude.isNumber() || !longitude.isNumber()
                || Math.abs(latitude.asDouble()) > 90 || Math.abs(longitude.asDouble()) > 180) {
            throw invalid(variable, "must be an object with a latitude (-90 to 90) and a longitude (-180 to 180),"
                    + " and optionally a name and an address");
        }
        return LocationParameter.newBuilder().setLatitude(latitude.asDouble()).setLongitude(longitude.asDouble())
                .setName(optional(value, "name")).setAddress(optional(value, "address")).build();
    }

    @Nullable
    private static String optional(JsonNode value, String field) {
        return value.path(field).isTextual() ? value.get(field).asText() : null;
    }

    private static long expiration(String variable, JsonNode value) {
        if (value.isIntegralNumber() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (text.matches("[0-9]{1,15}")) {
                return Long.parseLong(text);
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw invalid(variable, "must be when the offer expires: Unix epoch milliseconds or an ISO-8601 date-time"
                + " such as 2026-12-31T23:59:59Z");
    }

    static InvalidRequestException invalid(String variable, String problem) {
        return new InvalidRequestException(ApiError.of(ErrorCode.TEMPLATE_VARIABLE_INVALID,
                "variables." + variable + " " + problem));
    }
}
