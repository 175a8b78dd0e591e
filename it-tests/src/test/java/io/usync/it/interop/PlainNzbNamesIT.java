package io.usync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.nntp.testing.InnServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names in a plain-mode NZB: two files with the same base name in different folders must both come
 * back from {@code usync download <that.nzb>} (the second as {@code x (2).bin}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlainNzbNamesIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void twoFilesWithTheSameNameInDifferentFoldersBothComeBack() throws Exception {
        InnServer inn = InnServer.require();
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("a/x.bin"), 901, 30_000);
        SourceTree.writeFile(source.resolve("b/x.bin"), 902, 20_000);
        CliEnvironment env = CliEnvironment.create(dir.resolve("cli"), inn.host(), inn.port(), inn.group(), DB,
                DB.jdbcUrl(), "");
        Path nzb = dir.resolve("same-names.nzb");
        CliRun.Result upload = CliRun.run(env.variables(), "upload", "--plain", "--nzb", nzb.toString(),
                source.toString());
        assertThat(upload.exit()).as("%s", upload).isZero();
        Path out = dir.resolve("out");

        CliRun.Result download = CliRun.run(env.variables(), "download", nzb.toString(), "-o", out.toString());

        assertThat(download.exit()).as("%s", download).isZero();
        List<String> written = new ArrayList<>();
        for (Path file : SourceTree.files(out)) {
            if (!file.startsWith(".usync")) {
                written.add(sha256(out.resolve(file)));
            }
        }
        assertThat(written).as("SHA-256 of the files written\n%s", download)
                .containsExactlyInAnyOrder(sha256(source.resolve("a/x.bin")), sha256(source.resolve("b/x.bin")));
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
