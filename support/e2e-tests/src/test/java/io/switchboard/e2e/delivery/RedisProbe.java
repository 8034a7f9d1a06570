package io.switchboard.e2e.delivery;

import io.switchboard.testkit.RedisTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Reads the dispatchers' shared pacing state in the test kit's redis-server with one RESP command, so a test can
 * see a number's rate being lowered ({@code pace:{id}:rate} present) and recovered (gone), without a client library.
 */
final class RedisProbe {

    private RedisProbe() {
    }

    static boolean exists(String key) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RedisTestServer.shared().port())) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$6\r\nEXISTS\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(name);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                reply.append((char) c);
            }
            if (!reply.toString().startsWith(":")) {
                throw new IllegalStateException("unexpected Redis reply " + reply);
            }
            return Long.parseLong(reply.substring(1)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
