package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The simulator acting as a customer ({@code /_sim}, no token, no Meta counterpart): {@code POST /_sim/inbound}
 * makes a customer write (see {@link InboundService}); {@code POST /_sim/window} opens or closes a customer-service
 * window directly, for tests that need one without an inbound webhook. Bad input is a 400
 * {@code {"error":"..."}} naming the field.
 */
@Controller(value = "/_sim", produces = MediaType.APPLICATION_JSON)
public class CustomerController {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");

    private final InboundService inbound;
    private final CustomerWindows windows;
    private final JsonMapper json;

    public CustomerController(InboundService inbound, CustomerWindows windows, JsonMapper json) {
        this.inbound = inbound;
        this.windows = windows;
        this.json = json;
    }

    @Post(uri = "/inbound", consumes = MediaType.ALL)
    public CompletableFuture<HttpResponse<Object>> inbound(@Nullable @Body byte[] body) {
        InboundRequest request;
        try {
            request = InboundRequest.parse(parse(body), inbound.defaultPhoneNumberId());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(badRequest(e));
        }
        return inbound.receive(request).thenApply(answer ->
                HttpResponse.status(HttpStatus.valueOf(answer.status())).body(answer.body()));
    }

    @Post(uri = "/window", consumes = MediaType.ALL)
    public HttpResponse<Object> window(@Nullable @Body byte[] body) {
        try {
            JsonNode root = parse(body);
            JsonNode customer = root.get("customer");
            if (customer == null || !customer.isString() || !PHONE.matcher(customer.getStringValue()).matches()) {
                throw new IllegalArgumentException("\"customer\" is required: a phone number, 5 to 15 digits with"
                        + " an optional +.");
            }
            JsonNode open = root.get("open");
            if (open == null || !open.isBoolean()) {
                throw new IllegalArgumentException("\"open\" is required: true or false.");
            }
            JsonNode number = root.get("phone_number_id");
            if (number != null && !number.isNull() && !number.isString()) {
                throw new IllegalArgumentException("\"phone_number_id\" must be a string.");
            }
            String phoneNumberId = number == null || number.isNull()
                    ? inbound.defaultPhoneNumberId() : number.getStringValue();
            String digits = CustomerWindows.digits(customer.getStringValue());
            if (open.getBooleanValue()) {
                windows.customerWrote(phoneNumberId, digits);
            } else {
                windows.close(phoneNumberId, digits);
            }
            String closesAt = windows.closesAt(phoneNumberId, digits).map(Object::toString).orElse(null);
            return HttpResponse.ok(new WindowState(phoneNumberId, digits,
                    windows.isOpen(phoneNumberId, digits), closesAt));
        } catch (IllegalArgumentException e) {
            return badRequest(e);
        }
    }

    /** The answer of {@code /_sim/window}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowState(@JsonProperty("phone_number_id") String phoneNumberId, String customer, boolean open,
                              @JsonProperty("closes_at") @Nullable String closesAt) {
    }

    private JsonNode parse(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("The body is empty: a JSON object is required.");
        }
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object.");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("The body is not valid JSON.");
        }
    }

    private static HttpResponse<Object> badRequest(IllegalArgumentException e) {
        return HttpResponse.badRequest(new InboundService.Refusal(e.getMessage()));
    }
}
