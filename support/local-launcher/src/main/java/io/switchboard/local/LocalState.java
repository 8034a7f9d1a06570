package io.switchboard.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The credentials of this installation's local run: generated at the first start from a secure random source, kept in
 * {@code .switchboard/state.json} (readable by the owner only, never committed) and reused by every later start, so the
 * demo key printed yesterday still works today.
 */
final class LocalState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalState() {
    }

    static Platform.Credentials loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
            return new Platform.Credentials(node.path("demo_api_key").asText(), node.path("admin_token").asText(),
                    node.path("access_token").asText(), node.path("app_secret").asText(),
                    node.path("verify_token").asText(), node.path("waba_id").asText(),
                    node.path("phone_number_id").asText());
        }
        Platform.Credentials created = new Platform.Credentials("pk_live_" + random(16), "adm_" + random(24),
                "EAA" + random(24), random(16), "verify_" + random(8), "100000000000001", "106540352242922");
        ObjectNode node = JSON.createObjectNode()
                .put("demo_api_key", created.demoApiKey())
                .put("admin_token", created.adminToken())
                .put("access_token", created.accessToken())
                .put("app_secret", created.appSecret())
                .put("verify_token", created.verifyToken())
                .put("waba_id", created.wabaId())
                .put("phone_number_id", created.phoneNumberId());
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        restrictToOwner(file);
        return created;
    }

    static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the file stays with the platform's default permissions.
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
