package io.switchboard.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The credentials of this installation's local run: generated at the first start from a secure random source, kept in
 * {@code .switchboard/state.json} (readable by the owner only from its creation, never committed) and reused by every
 * later start, so the demo key of yesterday still works today.
 */
final class LocalState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalState() {
    }

    static Platform.Credentials loadOrCreate(Path file) throws IOException {
        ObjectNode node = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        boolean changed = false;
        // Values added by later versions are generated on the next start; existing ones are never replaced.
        changed |= putIfMissing(node, "demo_api_key", () -> "pk_live_" + random(16));
        changed |= putIfMissing(node, "admin_token", () -> "adm_" + random(24));
        changed |= putIfMissing(node, "access_token", () -> "EAA" + random(24));
        changed |= putIfMissing(node, "app_secret", () -> random(16));
        changed |= putIfMissing(node, "verify_token", () -> "verify_" + random(8));
        changed |= putIfMissing(node, "master_key", () -> Base64.getEncoder().encodeToString(bytes(32)));
        changed |= putIfMissing(node, "waba_id", () -> "100000000000001");
        changed |= putIfMissing(node, "phone_number_id", () -> "106540352242922");
        if (changed) {
            OwnerOnlyFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return new Platform.Credentials(node.path("demo_api_key").asText(), node.path("admin_token").asText(),
                node.path("access_token").asText(), node.path("app_secret").asText(),
                node.path("verify_token").asText(), node.path("master_key").asText(), node.path("waba_id").asText(),
                node.path("phone_number_id").asText());
    }

    private static boolean putIfMissing(ObjectNode node, String field, Supplier<String> value) {
        if (node.hasNonNull(field) && !node.get(field).asText().isBlank()) {
            return false;
        }
        node.put(field, value.get());
        return true;
    }

    private static String random(int bytes) {
        return HexFormat.of().formatHex(bytes(bytes));
    }

    private static byte[] bytes(int count) {
        byte[] value = new byte[count];
        RANDOM.nextBytes(value);
        return value;
    }
}
