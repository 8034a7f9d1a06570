package io.switchboard.registry;

/**
 * An answer other than success, as the Confluent Schema Registry gives it: an HTTP status plus the body
 * {@code {"error_code": ..., "message": ...}}. Rule: every failure a client can cause maps to one of Confluent's codes
 * (40401 subject, 40402 version, 40403 schema not found; 409 incompatible; 42201 invalid schema; 42202 invalid
 * version; 42203 invalid compatibility level); only store trouble is a 5xx.
 */
final class RegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(404, 40404, "Subject '" + subject + "' was soft deleted.");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40406, "Subject '" + subject + "' Version " + version + " was soft deleted.");
    }

    static RegistryException subjectLevelConfigNotFound(String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** Confluent's classic code for this case is the HTTP status itself (recent releases say 40901). */
    static RegistryException incompatible(String subject, String details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for"
                + " subject \"" + subject + "\", details: " + details);
    }

    static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward,"
                + " forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException operationNotPermitted(String message) {
        return new RegistryException(422, 42205, message);
    }

    static RegistryException unprocessable(String message) {
        return new RegistryException(422, 422, message);
    }

    static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }

    static RegistryException notFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    static RegistryException unsupportedMediaType(String contentType) {
        return new RegistryException(415, 415, "HTTP 415 Unsupported Media Type: " + contentType);
    }

    static RegistryException storeError(String message) {
        return new RegistryException(500, 50001, message);
    }

    static RegistryException timeout(String message) {
        return new RegistryException(500, 50002, message);
    }
}
