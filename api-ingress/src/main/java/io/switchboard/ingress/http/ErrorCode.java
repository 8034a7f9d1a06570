package io.switchboard.ingress.http;

import io.micronaut.http.HttpStatus;
import io.switchboard.infrastructure.http.FramingError;

/**
 * Every error code the public API answers with, and its HTTP status. Clients branch on the code, never on the
 * message, so a code once published keeps its meaning.
 */
public enum ErrorCode {
    VALIDATION_ERROR(HttpStatus.BAD_REQUEST),
    INVALID_PHONE_NUMBER(HttpStatus.BAD_REQUEST),
    INVALID_API_KEY(HttpStatus.UNAUTHORIZED),
    // Told only to a caller presenting that very key: the key exists but no longer works.
    API_KEY_DEACTIVATED(HttpStatus.UNAUTHORIZED),
    API_KEY_EXPIRED(HttpStatus.UNAUTHORIZED),
    API_KEY_DELETED(HttpStatus.UNAUTHORIZED),
    // Request signing (signing/) and the admin API (admin/).
    SIGNATURE_REQUIRED(HttpStatus.UNAUTHORIZED),
    INVALID_SIGNATURE(HttpStatus.UNAUTHORIZED),
    SIGNATURE_EXPIRED(HttpStatus.UNAUTHORIZED),
    SIGNATURE_REPLAYED(HttpStatus.UNAUTHORIZED),
    INVALID_ADMIN_TOKEN(HttpStatus.UNAUTHORIZED),
    API_KEY_NOT_FOUND(HttpStatus.NOT_FOUND),
    ACCOUNT_NOT_FOUND(HttpStatus.NOT_FOUND),
    ADMIN_API_DISABLED(HttpStatus.SERVICE_UNAVAILABLE),
    MASTER_KEY_NOT_CONFIGURED(HttpStatus.SERVICE_UNAVAILABLE),
    PERMISSION_DENIED(HttpStatus.FORBIDDEN),
    ACCOUNT_NOT_CONFIGURED(HttpStatus.FORBIDDEN),
    ACCOUNT_DISABLED(HttpStatus.FORBIDDEN),
    ACCOUNT_DELETED(HttpStatus.FORBIDDEN),
    PHONE_NUMBER_NOT_OWNED(HttpStatus.FORBIDDEN),
    // Admin API: accounts and their business numbers.
    ACCOUNT_IS_DELETED(HttpStatus.CONFLICT),
    PHONE_NUMBER_TAKEN(HttpStatus.CONFLICT),
    PHONE_NUMBER_NOT_FOUND(HttpStatus.NOT_FOUND),
    TOO_MANY_FAILED_AUTHENTICATIONS(HttpStatus.TOO_MANY_REQUESTS),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    MESSAGE_NOT_FOUND(HttpStatus.NOT_FOUND),
    TEMPLATE_NOT_FOUND(HttpStatus.NOT_FOUND),
    MEDIA_NOT_FOUND(HttpStatus.NOT_FOUND),
    TEMPLATE_NOT_APPROVED(HttpStatus.UNPROCESSABLE_ENTITY),
    // Named template sends: a parameter the template needs has no variable, or a variable cannot fill it.
    TEMPLATE_VARIABLE_MISSING(HttpStatus.UNPROCESSABLE_ENTITY),
    TEMPLATE_VARIABLE_INVALID(HttpStatus.UNPROCESSABLE_ENTITY),
    OUTSIDE_CUSTOMER_SERVICE_WINDOW(HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_IN_PROGRESS(HttpStatus.CONFLICT),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RATE_LIMIT_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    RATE_LIMITER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    TEMPLATES_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    MEDIA_UPLOAD_FAILED(HttpStatus.BAD_GATEWAY),
    MEDIA_DOWNLOAD_FAILED(HttpStatus.BAD_GATEWAY),
    STATUS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    // Refused for its HTTP framing or slowness before any route saw it (see of(FramingError)).
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT),
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    HTTP_VERSION_NOT_SUPPORTED(HttpStatus.HTTP_VERSION_NOT_SUPPORTED);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The public code of a refusal of the HTTP framing guard, which answers before any route. */
    public static ErrorCode of(FramingError error) {
        return switch (error) {
            case MALFORMED_REQUEST -> MALFORMED_REQUEST;
            case REQUEST_TIMEOUT -> REQUEST_TIMEOUT;
            case URI_TOO_LONG -> URI_TOO_LONG;
            case HEADERS_TOO_LARGE -> HEADERS_TOO_LARGE;
            case HTTP_VERSION_NOT_SUPPORTED -> HTTP_VERSION_NOT_SUPPORTED;
        };
    }
}
