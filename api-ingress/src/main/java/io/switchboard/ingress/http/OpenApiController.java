package io.switchboard.ingress.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI document of the whole API at {@code GET /api/v1/openapi.yaml}, without a key: it is the contract
 * that clients generate code from. Written by hand next to the code and checked against the running endpoints by the
 * end-to-end tests.
 */
@Controller("/api/v1")
public class OpenApiController {

    static final String RESOURCE = "/openapi/switchboard-api.yaml";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi.yaml", produces = "application/yaml")
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
