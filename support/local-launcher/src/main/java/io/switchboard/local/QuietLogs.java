package io.switchboard.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the console of the local run readable: every service's Logback (each in its own class loader) is pointed at
 * one configuration that shows warnings and errors only. {@code --verbose} skips this and each service logs as it
 * would alone.
 */
final class QuietLogs {

    private QuietLogs() {
    }

    static void install(Path home) throws IOException {
        Path config = home.resolve("logback-quiet.xml");
        Files.createDirectories(home);
        try (InputStream in = QuietLogs.class.getResourceAsStream("/logback-quiet.xml")) {
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        System.setProperty("logback.configurationFile", config.toString());
    }
}
