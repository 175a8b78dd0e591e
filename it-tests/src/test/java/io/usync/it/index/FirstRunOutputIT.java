package io.usync.it.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.it.support.CliEnvironment;
import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's very first {@code usync -q upload} (no index configured: the embedded PostgreSQL is
 * unpacked and initialised while the folder is scanned) prints the share id and nothing else.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FirstRunOutputIT {

    @TempDir
    Path dir;

    @Test
    void aFirstQuietUploadPrintsOnlyTheShareId() throws Exception {
        InnServer inn = InnServer.require();
        // As root the embedded server runs as nobody: it must reach the home below this folder.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliEnvironment env = CliEnvironment.withEmbeddedIndex(dir.resolve("cli"), inn.host(), inn.port(), inn.group());
        Path source = SourceTree.write(dir.resolve("src"), 20261123, 12, 50_000);

        UsyncProcess.Finished upload = UsyncProcess.run(env.logs(), env.variables(), 150, "-q", "upload",
                source.toString());

        assertThat(upload.exit()).as("%s", upload).isZero();
        assertThat(upload.out()).as("%s", upload).matches("usync1-[a-z0-9]+\\R");
        assertThat(upload.err()).as("%s", upload).isEmpty();
    }
}
