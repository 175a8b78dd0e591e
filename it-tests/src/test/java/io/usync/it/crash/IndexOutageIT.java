package io.usync.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.NntpFaultProxy;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.TcpRelay;
import io.usync.it.support.UsyncProcess;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index database goes away in the middle of an upload (its connections reset and new ones
 * refused by a relay): usync stops with one clear line and the INDEX exit code; once the database
 * is back the same command finishes, nothing that was posted is posted again under another id or
 * stored twice, and the share downloads byte for byte. An index unreachable from the start stops
 * the upload the same way before anything is posted.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class IndexOutageIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    private InnServer inn;
    private NntpFaultProxy proxy;
    private TcpRelay database;

    @BeforeEach
    void start() {
        inn = InnServer.require();
        proxy = NntpFaultProxy.start(inn.host(), inn.port());
        database = TcpRelay.start("127.0.0.1", CliEnvironment.portOf(DB.jdbcUrl()));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theDatabaseStoppingMidUploadStopsWithAClearErrorAndForgetsNothingPosted() throws Exception {
        CliEnvironment env = CliEnvironment.create(dir, proxy.host(), proxy.port(), inn.group(), DB,
                CliEnvironment.withPort(DB.jdbcUrl(), database.port()), "");
        Path source = SourceTree.write(dir.resolve("src"), 71, 6, 400_000);
        int exit;
        String err;
        try (UsyncProcess upload = UsyncProcess.start(env.logs(), env.variables(), "-v", "upload", source.toString())) {
            // a phase line may carry a timing note: "upload: post (3.34 s since start)"
            assertThat(upload.awaitLine(Pattern.compile("(?m)^upload: post( \\(.*\\))?$"), 60_000))
                    .as("%s", upload.err()).isTrue();
            Thread.sleep(300);
            database.cut();
            exit = upload.waitFor(120);
            err = upload.err();
        }
        assertThat(exit).as(err).isEqualTo(ExitCode.INDEX.code());
        assertThat(err.lines().filter(l -> l.startsWith("usync: ")).toList()).as(err).hasSize(1);
        assertThat(err).contains("usync: index");
        int storedBefore = proxy.storedCounts().size();
        database.restore();
        UsyncProcess.Finished again = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());
        assertThat(again.exit()).as("%s", again).isZero();
        String shareId = again.out().lines().filter(l -> l.startsWith("usync1-")).findFirst().orElseThrow();
        assertThat(proxy.storedCounts().values()).as("240s per Message-ID").allMatch(n -> n == 1);
        assertThat(proxy.storedCounts().size()).isGreaterThanOrEqualTo(storedBefore);
        DownloadReport download = RoundTrip.defaults().download(
                List.of(RoundTrip.server("inn", inn.host(), inn.port(), 0)), shareId, dir.resolve("out"));
        assertThat(download.outcome()).as("%s", download.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
    }

    @Test
    void anIndexUnreachableFromTheStartStopsWithOneClearLineBeforeAnythingIsPosted() throws Exception {
        database.cut();
        CliEnvironment env = CliEnvironment.create(dir, proxy.host(), proxy.port(), inn.group(), DB,
                CliEnvironment.withPort(DB.jdbcUrl(), database.port()), "");
        Path source = SourceTree.write(dir.resolve("src"), 72, 3, 50_000);

        UsyncProcess.Finished upload = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());

        assertThat(upload.exit()).as("%s", upload).isEqualTo(ExitCode.INDEX.code());
        assertThat(upload.err().lines().filter(l -> !l.isBlank()).toList()).as("%s", upload).singleElement()
                .asString().startsWith("usync: ").contains("index database");
        assertThat(upload.out()).doesNotContain("usync1-");
        assertThat(proxy.storedCounts()).as("nothing posted without an index to record it").isEmpty();
    }
}
