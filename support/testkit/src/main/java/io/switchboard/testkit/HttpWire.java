package io.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection to an HTTP server, written byte by byte: what no HTTP library sends on request (conflicting
 * framing headers, broken chunks, bare line feeds, a head trickled one byte at a time), and what came back, including
 * whether the server closed the connection. For the framing tests of every HTTP service.
 */
public final class HttpWire implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private ScheduledExecutorService trickler;

    private HttpWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A connection to 127.0.0.1:{@code port}; a read waits at most 10 s. */
    public static HttpWire connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return new HttpWire(socket);
    }

    /** Writes the text as ISO-8859-1 bytes (one byte per char, as HTTP heads are), exactly as given. */
    public HttpWire send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /**
     * Writes one byte of {@code text} every {@code interval} in the background, until all are written or the server
     * closes; the future completes then (exceptionally when the server closed first).
     */
    public CompletableFuture<Void> trickle(String text, Duration interval) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        trickler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "http-wire-trickle");
            thread.setDaemon(true);
            return thread;
        });
        int[] next = {0};
        trickler.scheduleAtFixedRate(() -> {
            try {
                if (next[0] >= bytes.length) {
                    done.complete(null);
                    trickler.shutdown();
                    return;
                }
                out.write(bytes[next[0]++]);
                out.flush();
            } catch (IOException e) {
                done.completeExceptionally(e);
                trickler.shutdown();
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    /** Reads the status line and headers of a response that has no body whatever it declares (a HEAD's). */
    public Response readHead() throws IOException {
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, "");
    }

    /** Reads one response (Content-Length, chunked, or until the end of the stream). */
    public Response read() throws IOException {
        Response head = readHead();
        Map<String, String> headers = head.headers();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("close".equalsIgnoreCase(headers.get("connection"))) {
            body.write(in.readAllBytes());
        }
        return new Response(head.status(), headers, body.toString(StandardCharsets.UTF_8));
    }

    /**
     * True when the server closed the connection (end of stream or reset) within {@code within} without sending
     * anything more; false when it stayed open that long; an {@link IllegalStateException} when it sent more bytes
     * (for example the answer to a smuggled request).
     */
    public boolean closedWithin(Duration within) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, within.toMillis()));
        try {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            byte[] rest = in.readNBytes(Math.min(in.available(), 4096));
            throw new IllegalStateException("the server sent more: " + (char) b
                    + new String(rest, StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        throw new IOException("connection closed before a whole response line (read: "
                + line.toString(StandardCharsets.ISO_8859_1) + ")");
    }

    @Override
    public void close() throws IOException {
        if (trickler != null) {
            trickler.shutdownNow();
        }
        socket.close();
    }

    /** One response: status, headers (lower-case names, last one wins), body text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public boolean closesConnection() {
            return "close".equalsIgnoreCase(headers.get("connection"));
        }
    }
}
