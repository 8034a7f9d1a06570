package io.switchboard.simulator;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain JDK HTTP client for tests, so that status codes and bodies are seen exactly as a caller sees them. */
final class SimulatorHttp {

    static final String TOKEN = "test-token";
    static final String PHONE_NUMBER_ID = "106540352242922";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;

    SimulatorHttp(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    HttpResponse<String> send(String body) {
        return post("/v23.0/" + PHONE_NUMBER_ID + "/messages", "Bearer " + TOKEN, body);
    }

    HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build());
    }

    /** PUT, PATCH or any other method with a JSON body and no token (the {@code /_sim} endpoints). */
    HttpResponse<String> method(String method, String path, String body) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A send from the given business number. */
    HttpResponse<String> sendFrom(String phoneNumberId, String body) {
        return post("/v23.0/" + phoneNumberId + "/messages", "Bearer " + TOKEN, body);
    }

    HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build());
    }

    HttpResponse<byte[]> getBytes(String uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(uri)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> delete(String path, String authorization) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .DELETE().build());
    }

    /** A multipart/form-data POST: text fields, then an optional file part with its content type. */
    HttpResponse<String> upload(String path, String authorization, Map<String, String> fields, String fileName,
                                String fileType, byte[] file) {
        String boundary = "----sim" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data;"
                + " name=\"" + name + "\"\r\n\r\n" + value + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build());
    }

    HttpResponse<String> delete(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
    }

    Map<String, Object> jsonOf(HttpResponse<String> response) {
        return parse(response.body());
    }

    Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    /** The wamid of an accepted send. */
    @SuppressWarnings("unchecked")
    String wamidOf(HttpResponse<String> response) {
        Map<String, Object> message = ((java.util.List<Map<String, Object>>) jsonOf(response).get("messages")).get(0);
        return (String) message.get("id");
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
