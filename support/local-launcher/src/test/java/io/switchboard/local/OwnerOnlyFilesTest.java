package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Files with the local run's secrets are readable by their owner only, from the moment they exist. */
class OwnerOnlyFilesTest {

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewFileIsWrittenWithMode600InADirectoryOfMode700() throws Exception {
        Path home = Files.createTempDirectory("owner-only-");
        Path file = home.resolve(".switchboard").resolve("local.json");

        OwnerOnlyFiles.write(file, "{\"admin_token\":\"adm_x\"}");

        assertThat(Files.readString(file)).isEqualTo("{\"admin_token\":\"adm_x\"}");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("local.json");
        }
    }

    @Test
    void aWorldReadableFileLeftByAnOlderVersionIsReplacedByAnOwnerOnlyOne() throws Exception {
        Path dir = Files.createTempDirectory("owner-only-");
        Path file = dir.resolve("local.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.write(file, "new");

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void theStateFileWithTheCredentialsIsOwnerOnlyAndReused() throws Exception {
        Path state = Files.createTempDirectory("owner-only-").resolve(".switchboard").resolve("state.json");

        Platform.Credentials first = LocalState.loadOrCreate(state);
        Platform.Credentials again = LocalState.loadOrCreate(state);

        assertThat(mode(state)).isEqualTo("rw-------");
        assertThat(again).isEqualTo(first);
        assertThat(first.adminToken()).startsWith("adm_");
    }
}
