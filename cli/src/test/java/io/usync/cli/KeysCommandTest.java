package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.crypto.RecipientPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void generateWritesAnOwnerOnlyKeyFileAndPrintsAParsablePublicKey() throws Exception {
        Path key = dir.resolve("me.key");
        CliRun run = CliRun.run(Map.of("HOME", dir.toString()), "keys", "generate", "--output", key.toString());
        assertThat(run.exit()).isZero();
        String publicKey = run.out().strip();
        assertThat(RecipientPublicKey.parse(publicKey).asText()).isEqualTo(publicKey);
        assertThat(Files.getPosixFilePermissions(key))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        CliRun show = CliRun.run(Map.of("HOME", dir.toString()), "keys", "show", key.toString());
        assertThat(show.out().strip()).isEqualTo(publicKey);
    }

    @Test
    void generateRefusesToOverwriteAnExistingKey() throws Exception {
        Path key = dir.resolve("me.key");
        Files.writeString(key, "precious");
        CliRun run = CliRun.run(Map.of("HOME", dir.toString()), "keys", "generate", "--output", key.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(key)).isEqualTo("precious");
    }
}
