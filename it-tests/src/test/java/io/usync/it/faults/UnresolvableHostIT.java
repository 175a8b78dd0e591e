package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.core.ShareId;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.RootKey;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server profile whose host name does not resolve, through the CLI in a child JVM that resolves
 * names only from a hosts file listing localhost ({@code jdk.net.hosts.file}: no DNS query leaves
 * the machine): an upload, a share download and an NZB download each end at once with NETWORK
 * (exit 4) and one line naming the host, and {@code profiles test} says the name does not resolve.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class UnresolvableHostIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static final String HOST = "no-such-host.invalid";
    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private CliEnvironment env;
    private List<String> jvm;

    @BeforeEach
    void noDns() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        jvm = List.of("-Djdk.net.hosts.file=" + hosts);
        env = CliEnvironment.create(dir.resolve("env"), HOST, 119, "alt.binaries.test", DB, DB.jdbcUrl(), "");
    }

    private UsyncProcess.Finished usync(String... args) throws InterruptedException {
        long start = System.nanoTime();
        UsyncProcess.Finished run = UsyncProcess.run(env.logs(), env.variables(), jvm, 120, args);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("%s", run).isLessThan(QUICK);
        return run;
    }

    private static void assertNetworkFaultInOneLineNamingTheHost(UsyncProcess.Finished run) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.NETWORK.code());
        List<String> lines = run.err().lines().filter(l -> l.startsWith("usync: ")).toList();
        assertThat(lines).as("%s", run).hasSize(1);
        assertThat(lines.getFirst()).as("%s", run).contains(HOST + ":119): the host name does not resolve; check the host"
                + " in the profile and your DNS");
        assertThat(run.out() + run.err()).as("%s", run).doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUploadToAHostThatDoesNotResolveIsANetworkFaultInOneLine() throws Exception {
        Path source = SourceTree.write(dir.resolve("src"), 5, 2, 20_000);
        UsyncProcess.Finished run = usync("upload", source.toString());
        assertNetworkFaultInOneLineNamingTheHost(run);
        assertThat(run.out()).as("no share id: nothing was published").doesNotContain("usync1-");
    }

    @Test
    void downloadsFromAHostThatDoesNotResolveAreANetworkFaultInOneLine() throws Exception {
        SecureRandom random = new SecureRandom();
        String share = new ShareId.Public(ShareLocator.random(random), RootKey.generate(random)).asText();
        assertNetworkFaultInOneLineNamingTheHost(usync("download", share, "-o", dir.resolve("out1").toString()));
        Path nzb = Files.writeString(dir.resolve("two.nzb"), UnreachableServerIT.NZB);
        assertNetworkFaultInOneLineNamingTheHost(usync("download", nzb.toString(), "-o", dir.resolve("out2").toString()));
    }

    @Test
    void profilesTestSaysTheHostDoesNotResolve() throws Exception {
        UsyncProcess.Finished run = usync("profiles", "test");
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.NETWORK.code());
        assertThat(run.out()).as("%s", run).contains("local: FAILED (dns) cannot resolve host '" + HOST + "'");
        assertThat(run.out() + run.err()).as("%s", run).doesNotContain("\tat ", "Exception");
    }
}
