package io.switchboard.ingress.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection written byte by byte: what a library client does not do on request (pipelining, chunked
 * bodies of chosen pieces, several requests on one connection), to test the server's own handling of them.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A request's bytes: the headers given (name, value...), Host, and a Content-Length body when there is one. */
    public static String request(String method, String path, String body, String... headers) {
        StringBuilder text = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            text.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return text.append("\r\n").append(body == null ? "" : body).toString();
    }

    /** A request whose body is sent chunked, in the pieces given. */
    public static String chunked(String path, String[] pieces, String... headers) {
        StringBuilder text = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            text.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        text.append("\r\n");
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            text.append(Integer.toHexString(bytes.length)).append("\r\n").append(piece).append("\r\n");
        }
        return text.append("0\r\n\r\n").toString();
    }

    public RawHttp write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads one response (Content-Length or chunked body). */
    public Response read() throws IOException {
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers,
                body.toString(StandardCharsets.UTF_8));
    }

    /** True when the server closed the connection (end of stream) before sending anything more. */
    public boolean closedByServer() throws IOException {
        return in.read() < 0;
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
        throw new IOException("connection closed in the middle of a response");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One response: status, headers (lower-case names), body text. */
    public record Response(int status, Map<String, String> headers, String body) {
    }
}
