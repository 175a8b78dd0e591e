package io.usync.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import io.usync.nntp.testing.InnServer;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code usync download} in the middle of a file (a part file exists and grows):
 * the same command again finishes and the files equal the source byte for byte.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DownloadCrashIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    private static boolean partFileExists(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".usync-part") && p.toFile().length() > 0);
        }
    }

    @Test
    void aDownloadKilledMidFileFinishesWhenRunAgainWithIdenticalBytes() throws Exception {
        InnServer inn = InnServer.require();
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("big.bin"), 101, 6 * 1024 * 1024);
        SourceTree.writeFile(source.resolve("small.bin"), 102, 10_000);
        UploadReport upload = RoundTrip.defaults().upload(List.of(RoundTrip.server("inn", inn.host(), inn.port(), 0)),
                RoundTrip.indexOptions(DB), source);
        assertThat(upload.outcome()).as("%s", upload.problems()).isEqualTo(UploadOutcome.COMPLETE);
        CliEnvironment env = CliEnvironment.create(dir, inn.host(), inn.port(), inn.group(), DB, DB.jdbcUrl(), "");
        Path out = dir.resolve("out");
        String id = upload.shareId().orElseThrow();
        boolean killedMidFile = false;
        for (int attempt = 0; attempt < 3 && !killedMidFile; attempt++) {
            try (UsyncProcess download = UsyncProcess.start(env.logs(), env.variables(), "download", id, "-o",
                    out.toString(), "--connections", "1")) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (download.isAlive() && !partFileExists(out) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                killedMidFile = download.kill9() && partFileExists(out);
                assertThat(download.err()).as("download output").doesNotContain("not found");
            }
        }
        assertThat(killedMidFile).as("killed while a part file existed").isTrue();
        UsyncProcess.Finished again = UsyncProcess.run(env.logs(), env.variables(), 120, "download", id, "-o",
                out.toString());
        assertThat(again.exit()).as("%s", again).isZero();
        SourceTree.assertSameTree(source, out);
    }
}
