package io.usync.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.InnFaultProxy;
import io.usync.it.support.NntpFaultProxy;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of {@code usync upload} (a child JVM posting to INN2 through a counting proxy)
 * while planning, mid-post, during the post-check and during publication: the same command again
 * finishes, a third run posts nothing and prints the same share id, INN2 answered 240 exactly once
 * per Message-ID, and the share downloads byte for byte.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UploadCrashIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @RegisterExtension
    final InnFaultProxy servers = new InnFaultProxy();

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"plan", "post", "check", "publish"})
    void aKilledUploadFinishesWhenRunAgainWithNothingPostedTwice(String phase) throws Exception {
        NntpFaultProxy proxy = servers.proxy();
        CliEnvironment env = CliEnvironment.create(dir, proxy.host(), proxy.port(), servers.inn().group(), DB,
                DB.jdbcUrl(), "");
        Path source = SourceTree.write(dir.resolve("src"), phase.hashCode(), 6, 400_000);
        Optional<String> firstId;
        try (UsyncProcess upload = UsyncProcess.start(env.logs(), env.variables(), "-v", "upload", source.toString())) {
            String line = phase.equals("check") ? "(post|check)" : phase;
            // a phase line may carry a timing note: "upload: post (3.34 s since start)"
            assertThat(upload.awaitLine(Pattern.compile("(?m)^upload: " + line + "( \\(.*\\))?$"), 60_000))
                    .as("phase line '%s' in %s", phase, upload.err()).isTrue();
            if (phase.equals("post")) {
                Thread.sleep(300);
            } else if (phase.equals("check") && !upload.err().contains("upload: check")) {
                // checks run alongside posting, each one postCheckDelay (1 s) after its post
                Thread.sleep(1_300);
            }
            upload.kill9();
            firstId = upload.shareId();
        }
        UsyncProcess.Finished second = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());
        assertThat(second.exit()).as("%s", second).isZero();
        String shareId = second.out().lines().filter(l -> l.startsWith("usync1-")).findFirst().orElseThrow();
        firstId.ifPresent(id -> assertThat(shareId).isEqualTo(id));
        int stored = proxy.storedCounts().size();
        UsyncProcess.Finished third = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());
        assertThat(third.exit()).as("%s", third).isZero();
        assertThat(third.out()).as("share id after another run").contains(shareId);
        assertThat(proxy.storedCounts().size()).as("articles stored by a run with nothing to do").isEqualTo(stored);
        assertThat(proxy.storedCounts().values()).as("240s per Message-ID").allMatch(n -> n == 1);
        DownloadReport download = RoundTrip.defaults().download(List.of(servers.direct("inn", 0)), shareId,
                dir.resolve("out"));
        assertThat(download.outcome()).as("%s", download.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
    }
}
