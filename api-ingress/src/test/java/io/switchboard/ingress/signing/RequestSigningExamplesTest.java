package io.switchboard.ingress.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the guide's examples as written (only the base URL and the message text are changed) against a key that
 * requires signatures: each must get its message accepted (202). An example whose tools are not installed is skipped.
 */
class RequestSigningExamplesTest {

    private static IngressApp app;
    private static Map<String, String> credentials;
    private static String guide;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey()));
        AdminCalls admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        JsonNode created = admin.createKey("""
                {"name":"Examples","account_id":"%s","permissions":["send_text"],"require_signature":true,
                 "rate_limit":1000}""".formatted(admin.createAccount()));
        credentials = Map.of("SWITCHBOARD_API_KEY", created.get("api_key").asText(),
                "SWITCHBOARD_API_SECRET", created.get("api_secret").asText());
        guide = Files.readString(Path.of("docs/request-signing.md"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String example(String heading, String language) {
        Matcher block = Pattern.compile("## " + Pattern.quote(heading) + ".*?```" + language + "\n(.*?)```",
                Pattern.DOTALL).matcher(guide);
        assertThat(block.find()).as(heading).isTrue();
        // Distinct texts: identical requests signed within one second would be refused as replays (as documented).
        return block.group(1).replace("http://localhost:8080", app.uri("").toString().replaceAll("/$", ""))
                .replace("Hello!", "Hello from the " + heading + " example!");
    }

    private String run(String file, String code, String... command) throws Exception {
        Files.writeString(dir.resolve(file), code);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(credentials);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static boolean installed(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor(10,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theJavaExampleIsAccepted() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(run("SwitchboardSigner.java", example("Java", "java"), java, "SwitchboardSigner.java"))
                .startsWith("202 ");
    }

    @Test
    void thePythonExampleIsAccepted() throws Exception {
        assumeTrue(installed("python3"), "python3 not installed");
        assertThat(run("sign.py", example("Python", "python"), "python3", "sign.py")).startsWith("202 ");
    }

    @Test
    void theNodeExampleIsAccepted() throws Exception {
        assumeTrue(installed("node"), "node not installed");
        assertThat(run("sign.js", example("Node.js", "javascript"), "node", "sign.js")).startsWith("202 ");
    }

    @Test
    void theCurlExampleIsAccepted() throws Exception {
        assumeTrue(installed("curl") && installed("openssl") && installed("bash"), "curl, openssl or bash missing");
        String output = run("sign.sh", example("cURL", "bash"), "bash", "sign.sh");
        assertThat(output).contains("\"success\":true").contains("\"status\":\"queued\"");
    }
}
