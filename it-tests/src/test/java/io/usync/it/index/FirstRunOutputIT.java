package io.usync.it.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("config/usync"));
        Files.createDirectories(home.resolve("data"));
        // The embedded server runs as nobody when the tests run as root: it must reach the data home.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("config/usync/config.yaml"), """
                servers:
                  - name: local
                    host: %s
                    port: %d
                    tls: none
                    connections: 2
                    roles: [post, check, read]
                    newsgroups: [%s]
                upload:
                  postCheckDelay: 1s
                """.formatted(inn.host(), inn.port(), inn.group()));
        Path source = SourceTree.write(dir.resolve("src"), 20261123, 12, 50_000);
        Map<String, String> environment = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

        UsyncProcess.Finished upload = UsyncProcess.run(dir.resolve("logs"), environment, 150, "-q", "upload",
                source.toString());

        assertThat(upload.exit()).as("%s", upload).isZero();
        assertThat(upload.out()).as("%s", upload).matches("usync1-[a-z0-9]+\\R");
        assertThat(upload.err()).as("%s", upload).isEmpty();
    }
}
