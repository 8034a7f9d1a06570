package io.switchboard.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM started from its owner-only argument file, its output in its log, stopped by SIGTERM. */
class ServiceProcessTest {

    /** Stands in for a service: says it is up, then runs until stopped. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("up with " + System.getProperty("probe.secret"));
            Thread.currentThread().join(); // until SIGTERM
        }
    }

    @Test
    void aChildJvmStartsFromItsArgumentFileLogsItsOutputAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        String classes = Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        ServiceProcess child = ServiceProcess.start("sleeper",
                List.of("-Xmx32m", "-Dprobe.secret=s3cret value", "-cp", classes, Sleeper.class.getName()), dir);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> child.logTail(1000).contains("up with s3cret value"));
            assertThat(child.isAlive()).isTrue();
            assertThat(child.exitCode()).isNull();
            assertThat(Files.getPosixFilePermissions(dir.resolve("sleeper.args")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(ProcStatus.read(child.pid()).rssBytes()).isPositive();
        } finally {
            child.stop();
        }

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).isNotNull();
        assertThat(ProcStatus.read(child.pid())).isEqualTo(ProcStatus.UNKNOWN);
    }
}
