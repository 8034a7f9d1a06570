package io.switchboard.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * Waits until an application answers as a ready one does (the launcher's readiness rules: {@code /health} 200, the
 * projector's status query 404 for an unknown message, a simulated send accepted for the demo key), or fails after
 * 90 s with the last answer, or at once with the log's tail when its child process has exited.
 */
final class Readiness {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    void awaitStatus(String url, int expected, ServiceProcess process) {
        await(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET(), s -> s == expected, process);
    }

    /** A simulated send with {@code apiKey} neither refused for the key (401) nor unavailable (5xx). */
    void awaitSimulatedSend(String url, String apiKey, ServiceProcess process) {
        await(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+10000000000\",\"message\":\"readiness\"}")),
                s -> s != 401 && s < 500, process);
    }

    private void await(HttpRequest.Builder request, IntPredicate ready, ServiceProcess process) {
        HttpRequest built = request.build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited (code " + process.exitCode() + ") while "
                        + "starting; the end of " + process.log() + ":\n" + process.logTail(4000));
            }
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (ready.test(response.statusCode())) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + built.uri(), e);
            }
            try {
                Thread.sleep(200); // the application is still starting; not a measurement
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + built.uri(), e);
            }
        }
        throw new IllegalStateException(built.uri() + " not ready after " + TIMEOUT.toSeconds() + " s: " + last);
    }
}
