package io.switchboard.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests whose framing is wrong, each as the raw bytes an attacker (or a broken proxy) sends, built around one
 * ordinary request of the service under test; and the check every HTTP service must pass: such a request is answered
 * with an error status, the connection is closed, and nothing sent after it (a smuggled request) is answered.
 */
public final class FramingAttacks {

    /** The request a service's test uses to carry each attack: method, path, headers and a body. */
    public record Target(String method, String path, Map<String, String> headers, String body) {

        public static Target post(String path, String body, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return new Target("POST", path, map, body);
        }

        int length() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** One attack: a name for the test report, its bytes, and the status it must be refused with. */
    public record Attack(String name, String bytes, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private FramingAttacks() {
    }

    /** A second request hidden behind the first; answered only if the server mis-framed the first. */
    public static String smuggledGet(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Every framing attack on {@code target}, each followed by {@code smuggled} where it could hide one. */
    public static List<Attack> all(Target target, String smuggled) {
        String chunkedBody = chunk(target.body()) + "0\r\n\r\n";
        String afterChunks = chunkedBody + smuggled;
        return List.of(
                new Attack("Content-Length and Transfer-Encoding: chunked",
                        head(target, "Content-Length: " + afterChunks.length(), "Transfer-Encoding: chunked")
                                + afterChunks, 400),
                new Attack("Transfer-Encoding: chunked, identity",
                        head(target, "Transfer-Encoding: chunked, identity") + afterChunks, 400),
                new Attack("Transfer-Encoding sent twice",
                        head(target, "Transfer-Encoding: chunked", "Transfer-Encoding: chunked") + afterChunks, 400),
                new Attack("Transfer-Encoding: gzip, chunked",
                        head(target, "Transfer-Encoding: gzip, chunked") + afterChunks, 400),
                new Attack("Transfer-Encoding: identity with Content-Length",
                        head(target, "Transfer-Encoding: identity", "Content-Length: " + target.length())
                                + target.body() + smuggled, 400),
                new Attack("a valid chunk, then an invalid chunk size",
                        head(target, "Transfer-Encoding: chunked") + chunk(target.body()) + "zz\r\n"
                                + smuggled, 400),
                new Attack("a chunk longer than its size",
                        head(target, "Transfer-Encoding: chunked") + Integer.toHexString(target.length() - 1)
                                + "\r\n" + target.body() + "\r\n0\r\n\r\n" + smuggled, 400),
                new Attack("two different Content-Length headers",
                        head(target, "Content-Length: " + target.length(), "Content-Length: 0") + target.body()
                                + smuggled, 400),
                new Attack("a Content-Length that is not a number",
                        head(target, "Content-Length: +" + target.length()) + target.body() + smuggled, 400),
                new Attack("a folded header line (obs-fold)",
                        head(target, "X-Folded: first", " Transfer-Encoding: chunked",
                                "Content-Length: " + target.length()) + target.body() + smuggled, 400),
                new Attack("whitespace between a header name and its colon",
                        head(target, "Transfer-Encoding : chunked", "Content-Length: " + target.length())
                                + target.body() + smuggled, 400),
                new Attack("header lines ended by a bare LF",
                        head(target, "Content-Length: " + target.length()).replace("\r\n", "\n") + target.body()
                                + smuggled, 400),
                new Attack("no Host header",
                        head(target, "Content-Length: " + target.length()).replace("Host: localhost\r\n", "")
                                + target.body() + smuggled, 400),
                new Attack("a URL longer than the request line limit",
                        target.method() + " " + target.path() + "?q=" + "a".repeat(9000) + " HTTP/1.1\r\n"
                                + "Host: localhost\r\n\r\n", 414),
                new Attack("headers larger than the limit",
                        head(target, "X-Padding: " + "a".repeat(20_000), "Content-Length: " + target.length())
                                + target.body(), 431));
    }

    /**
     * Sends the attack on a fresh connection and checks the answer: the attack's status, {@code Connection: close},
     * and the connection closed with nothing more sent. Throws {@link AssertionError} otherwise; returns the answer.
     */
    public static HttpWire.Response assertRefusedAndClosed(int port, Attack attack) throws IOException {
        try (HttpWire wire = HttpWire.connect(port)) {
            wire.send(attack.bytes());
            HttpWire.Response response;
            try {
                response = wire.read();
            } catch (IOException e) {
                throw new AssertionError(attack + ": no answer (" + e.getMessage() + ")", e);
            }
            if (response.status() != attack.status()) {
                throw new AssertionError(attack + ": answered " + response.status() + " instead of "
                        + attack.status() + ": " + response.body());
            }
            if (!response.closesConnection()) {
                throw new AssertionError(attack + ": the answer does not say Connection: close " + response.headers());
            }
            try {
                if (!wire.closedWithin(Duration.ofSeconds(3))) {
                    throw new AssertionError(attack + ": the connection stayed open after the refusal");
                }
            } catch (IllegalStateException e) {
                throw new AssertionError(attack + ": a second request was answered: " + e.getMessage(), e);
            }
            return response;
        }
    }

    /**
     * Trickles {@code bytes} one byte every {@code interval} (a slow client holding a connection) and checks that the
     * server answers 408 with {@code Connection: close} and closes, before the trickle could have finished.
     */
    public static HttpWire.Response assertTrickleTimedOut(int port, String bytes, Duration interval)
            throws IOException {
        try (HttpWire wire = HttpWire.connect(port)) {
            var trickle = wire.trickle(bytes, interval);
            HttpWire.Response response;
            try {
                response = wire.read();
            } catch (IOException e) {
                throw new AssertionError("a trickling client got no 408 (" + e.getMessage() + ")", e);
            }
            if (trickle.isDone() && !trickle.isCompletedExceptionally()) {
                throw new AssertionError("the whole request was trickled before the server answered");
            }
            if (response.status() != 408 || !response.closesConnection()) {
                throw new AssertionError("a trickling client got " + response.status() + " " + response.headers());
            }
            if (!wire.closedWithin(Duration.ofSeconds(3))) {
                throw new AssertionError("the connection of a trickling client stayed open after its 408");
            }
            return response;
        }
    }

    /** The head of {@code target} with the framing lines given (and its own headers), ending with the blank line. */
    public static String head(Target target, String... framing) {
        StringBuilder text = new StringBuilder(target.method() + " " + target.path() + " HTTP/1.1\r\n"
                + "Host: localhost\r\n");
        target.headers().forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        for (String line : framing) {
            text.append(line).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    /** The body as one chunk. */
    public static String chunk(String body) {
        return Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + body + "\r\n";
    }
}
