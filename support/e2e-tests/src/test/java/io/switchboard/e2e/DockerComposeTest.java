package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Docker Compose file: validated by docker-compose wherever the binary exists (it needs no daemon), and brought up
 * with one message sent through it wherever a Docker engine runs. Without them the tests are skipped, saying why.
 */
class DockerComposeTest {

    private static final Path COMPOSE_FILE = RunningPlatform.repositoryRoot().resolve("docker-compose.yml");
    private static final String DEMO_KEY = "pk_live_compose_demo_key_change_me";

    @Test
    void theComposeFileIsValidForDockerCompose() throws Exception {
        String binary = Stream.of("/usr/bin/docker-compose", "/usr/local/bin/docker-compose")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(binary != null, "docker-compose is not installed (apt-get install docker-compose validates "
                + "the file without a daemon); skipping the compose file validation");

        Process process = new ProcessBuilder(binary, "-f", COMPOSE_FILE.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void theComposeStackAcceptsAndDeliversATextMessage() throws IOException {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "No Docker engine is available here: skipping the Docker Compose smoke test");
        List<Path> images = jibImages();
        assumeTrue(!images.isEmpty(), "No service images built: run ./mvnw -Pimages -DskipTests package first");
        for (Path image : images) {
            DockerClientFactory.instance().client().loadImageCmd(Files.newInputStream(image)).exec();
        }

        try (ComposeContainer compose = new ComposeContainer(COMPOSE_FILE.toFile())
                .withExposedService("api-ingress", 8080, Wait.forHttp("/health").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(5)))
                .withExposedService("cloud-api-simulator", 8090, Wait.forHttp("/health").forStatusCode(200))) {
            compose.start();
            String api = "http://" + compose.getServiceHost("api-ingress", 8080) + ":"
                    + compose.getServicePort("api-ingress", 8080) + "/api/v1/external";
            String simulator = "http://" + compose.getServiceHost("cloud-api-simulator", 8090) + ":"
                    + compose.getServicePort("cloud-api-simulator", 8090);
            // The customer writes first: free-form messages need an open 24-hour window.
            assertThat(Http.post(simulator + "/_sim/inbound", null, "{\"from\":\"+919876543210\",\"text\":\"Hi\"}")
                    .status()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(1)).until(() -> Http.post(api + "/messages/text?simulate=true", DEMO_KEY,
                    "{\"to\":\"+919876543210\",\"message\":\"check\"}").status() == 200);

            Http.Answer accepted = Http.post(api + "/messages/text", DEMO_KEY,
                    "{\"to\":\"+919876543210\",\"message\":\"Hello from Compose\"}");
            assertThat(accepted.status()).isEqualTo(202);
            String id = accepted.body().path("data").path("message_id").asText();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                    Http.get(api + "/messages/" + id, DEMO_KEY).body().path("data").path("status").asText())
                    .isEqualTo("read"));
        }
    }

    private static List<Path> jibImages() throws IOException {
        Path root = RunningPlatform.repositoryRoot();
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("jib-image.tar"))
                    .filter(p -> p.getParent().getFileName().toString().equals("target"))
                    .toList();
        }
    }
}
