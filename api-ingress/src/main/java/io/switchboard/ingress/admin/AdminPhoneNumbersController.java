package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.PhoneNumber;
import java.util.Comparator;

/**
 * {@code GET /api/v1/admin/phone-numbers[?account_id=]} and {@code /phone-numbers/{phone_number_id}}: who owns each
 * business number, as the phone-numbers table says. Read-only: numbers are claimed by creating an account and
 * released by deleting it. Answered from memory.
 */
@Controller("/api/v1/admin/phone-numbers")
public class AdminPhoneNumbersController {

    private final AdminTokenGuard guard;
    private final PhoneNumberStore numbers;
    private final AdminResponses responses;

    public AdminPhoneNumbersController(AdminTokenGuard guard, PhoneNumberStore numbers, AdminResponses responses) {
        this.guard = guard;
        this.numbers = numbers;
        this.responses = responses;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                @Nullable @QueryValue("account_id") String accountId) {
        ApiError refusal = guard.refusal(request, token);
        if (refusal != null) {
            return responses.refuse(request, refusal);
        }
        AdminOutcome<java.util.List<AdminViews.PhoneNumberView>> outcome = !numbers.isReady()
                ? AdminOutcome.notLoaded()
                : AdminOutcome.ok((accountId == null ? numbers.all() : numbers.ofAccount(accountId)).stream()
                        .sorted(Comparator.comparing(PhoneNumber::getPhoneNumberId))
                        .map(AdminViews::number).toList());
        return responses.answer(request, outcome,
                (data, meta) -> new AdminEnvelopes.PhoneNumberListEnvelope(true, data, meta));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> get(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                               @PathVariable String id) {
        ApiError refusal = guard.refusal(request, token);
        if (refusal != null) {
            return responses.refuse(request, refusal);
        }
        PhoneNumber number = numbers.isReady() ? numbers.byNumber(id) : null;
        AdminOutcome<AdminViews.PhoneNumberView> outcome = !numbers.isReady() ? AdminOutcome.notLoaded()
                : number == null ? AdminOutcome.refused(ApiError.of(ErrorCode.PHONE_NUMBER_NOT_FOUND,
                        "No account owns phone number id '" + (id.length() <= 32 ? id : id.substring(0, 32) + "...")
                                + "'"))
                : AdminOutcome.ok(AdminViews.number(number));
        return responses.answer(request, outcome,
                (data, meta) -> new AdminEnvelopes.PhoneNumberEnvelope(true, data, meta));
    }
}
