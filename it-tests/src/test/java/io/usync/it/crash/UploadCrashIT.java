package io.usync.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
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
 * finishes under the share (number and id, read with {@code usync shares list|show} after the kill)
 * the killed run recorded, a third run posts nothing and prints the same share id, INN2 answered 240
 * exactly once per Message-ID, and the share downloads byte for byte.
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
        Optional<String> printedId;
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
            printedId = upload.shareId();
        }
        // A run killed before it ends prints no share id; the index it left behind says which share it made.
        List<String> sharesAfterKill = sharesOf(env, source);
        Optional<String> firstId = sharesAfterKill.stream().findFirst().map(number -> storedShareId(env, number));
        if (phase.equals("plan")) {
            assertThat(sharesAfterKill).as("shares of %s recorded by a run killed while planning", source)
                    .hasSizeLessThanOrEqualTo(1);
        } else {
            assertThat(sharesAfterKill).as("shares of %s recorded by the killed run", source).hasSize(1);
        }
        printedId.ifPresent(id -> assertThat(firstId).as("stored share id against the printed one").contains(id));
        UsyncProcess.Finished second = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());
        assertThat(second.exit()).as("%s", second).isZero();
        String shareId = second.out().lines().filter(l -> l.startsWith("usync1-")).findFirst().orElseThrow();
        firstId.ifPresent(id -> assertThat(shareId).as("share id after resuming, against the one stored before the kill")
                .isEqualTo(id));
        List<String> shares = sharesOf(env, source);
        assertThat(shares).as("shares of %s after resuming", source).hasSize(1);
        if (!sharesAfterKill.isEmpty()) {
            assertThat(shares).as("the share resumed").isEqualTo(sharesAfterKill);
        }
        int stored = proxy.storedCounts().size();
        UsyncProcess.Finished third = UsyncProcess.run(env.logs(), env.variables(), 120, "upload", source.toString());
        assertThat(third.exit()).as("%s", third).isZero();
        assertThat(third.out()).as("share id after another run").contains(shareId);
        assertThat(sharesOf(env, source)).as("shares of %s after another run", source).isEqualTo(shares);
        assertThat(proxy.storedCounts().size()).as("articles stored by a run with nothing to do").isEqualTo(stored);
        assertThat(proxy.storedCounts().values()).as("240s per Message-ID").allMatch(n -> n == 1);
        DownloadReport download = RoundTrip.defaults().download(List.of(servers.direct("inn", 0)), shareId,
                dir.resolve("out"));
        assertThat(download.outcome()).as("%s", download.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
    }

    /** The numbers of the shares {@code usync shares list} shows for the folder {@code source}. */
    private static List<String> sharesOf(CliEnvironment env, Path source) {
        CliRun.Result list = CliRun.run(env.variables(), "shares", "list");
        assertThat(list.exit()).as("%s", list).isZero();
        return list.out().lines().map(line -> line.split("\t"))
                .filter(columns -> columns[columns.length - 1].equals(source.toString()))
                .map(columns -> columns[0]).toList();
    }

    /** The share id {@code usync shares show} prints for share {@code number}. */
    private static String storedShareId(CliEnvironment env, String number) {
        CliRun.Result show = CliRun.run(env.variables(), "shares", "show", number);
        assertThat(show.exit()).as("%s", show).isZero();
        return show.out().lines().map(String::strip).filter(l -> l.startsWith("share id:"))
                .map(l -> l.substring("share id:".length()).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no share id in " + show));
    }
}
