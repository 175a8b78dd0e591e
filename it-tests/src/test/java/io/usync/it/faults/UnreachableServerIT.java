package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.core.ShareId;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.RootKey;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.nntp.testing.FakeNntpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A news server that cannot be reached at all (nothing listens on its port) through the CLI: an
 * upload, a share download and an NZB download each end after the bounded connect retries with
 * NETWORK (exit 4) and one line, instead of waiting and listing every segment; the interrupted
 * upload publishes nothing and finishes when run again against a server that is up, and an upload
 * resumed while its server is down stops the same way.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnreachableServerIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    /** An NZB of one file in two articles (also used by {@link UnresolvableHostIT}). */
    static final String NZB = """
            <?xml version="1.0" encoding="UTF-8"?>
            <nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
              <file poster="p" date="1" subject="&quot;a.bin&quot; yEnc (1/2)">
                <groups><group>alt.binaries.test</group></groups>
                <segments>
                  <segment bytes="100000" number="1">a1@usync.test</segment>
                  <segment bytes="100000" number="2">a2@usync.test</segment>
                </segments>
              </file>
            </nzb>
            """;

    @TempDir
    Path dir;

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertNetworkFaultInOneLine(CliRun.Result run) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.NETWORK.code());
        assertThat(run.err().lines().filter(l -> l.startsWith("usync: ")).toList()).as("%s", run).hasSize(1);
        assertThat(run.err()).as("%s", run).contains("127.0.0.1");
        assertThat(run.everything()).as("%s", run).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void anUploadToAServerThatCannotBeReachedStopsWithOneNetworkLineAndResumesLater() throws Exception {
        int dead = closedPort();
        CliEnvironment env = CliEnvironment.create(dir.resolve("env"), "127.0.0.1", dead, "alt.binaries.test", DB,
                DB.jdbcUrl(), "");
        Path source = SourceTree.write(dir.resolve("src"), 71, 4, 60_000);
        CliRun.Result run = CliRun.run(env.variables(), "upload", source.toString());
        assertNetworkFaultInOneLine(run);
        assertThat(run.err()).contains("run the same command again");
        assertThat(run.out()).as("no share id: nothing was published").doesNotContain("usync1-");
        try (FakeNntpServer server = FakeNntpServer.start()) {
            Files.writeString(env.configFile(), Files.readString(env.configFile())
                    .replace("port: " + dead + "\n", "port: " + server.port() + "\n"));
            CliRun.Result again = CliRun.run(env.variables(), "upload", source.toString());
            assertThat(again.exit()).as("%s", again).isZero();
            assertThat(again.out()).as("%s", again).contains("usync1-");
            assertThat(server.postsReceived()).isGreaterThan(4);
            assertThat(server.postedMoreThanOnce()).isEmpty();
        }
    }

    @Test
    void aResumeWhileTheServerIsDownStopsWithOneNetworkLineAndPublishesNothing() throws Exception {
        Path source = SourceTree.write(dir.resolve("src"), 72, 4, 60_000);
        CliEnvironment env;
        int up;
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().acceptThenDrop(true); // every post answered 240, none kept: nothing verifies
            up = server.port();
            env = CliEnvironment.create(dir.resolve("env"), "127.0.0.1", up, "alt.binaries.test", DB, DB.jdbcUrl(),
                    "");
            CliRun.Result first = CliRun.run(env.variables(), "upload", source.toString());
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCode.PARTIAL.code());
            assertThat(server.postsReceived()).as("segments posted, then posted again").isGreaterThan(4);
        }
        int dead = closedPort();
        Files.writeString(env.configFile(), Files.readString(env.configFile())
                .replace("port: " + up + "\n", "port: " + dead + "\n"));
        long start = System.nanoTime();
        CliRun.Result again = CliRun.run(env.variables(), "upload", source.toString());
        assertNetworkFaultInOneLine(again);
        assertThat(again.err()).contains("run the same command again");
        assertThat(again.out()).as("no share id: nothing was published").doesNotContain("usync1-");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("bounded connect retries, not a wait")
                .isLessThan(45);
    }

    @Test
    void aShareDownloadFromAServerThatCannotBeReachedIsANetworkFaultInOneLine() throws Exception {
        SecureRandom random = new SecureRandom();
        String share = new ShareId.Public(ShareLocator.random(random), RootKey.generate(random)).asText();
        CliEnvironment env = CliEnvironment.create(dir.resolve("env"), "127.0.0.1", closedPort(), "alt.binaries.test",
                DB, DB.jdbcUrl(), "");
        CliRun.Result run = CliRun.run(env.variables(), "download", share, "-o", dir.resolve("out").toString());
        assertNetworkFaultInOneLine(run);
    }

    @Test
    void anNzbDownloadFromAServerThatCannotBeReachedIsANetworkFaultInOneLine() throws Exception {
        Path nzb = Files.writeString(dir.resolve("two.nzb"), NZB);
        CliEnvironment env = CliEnvironment.create(dir.resolve("env"), "127.0.0.1", closedPort(), "alt.binaries.test",
                DB, DB.jdbcUrl(), "");
        CliRun.Result run = CliRun.run(env.variables(), "download", nzb.toString(), "-o", dir.resolve("out").toString());
        assertNetworkFaultInOneLine(run);
    }
}
