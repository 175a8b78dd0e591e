package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpEventListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private UsyncCommand usync() {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return UsyncCommandLine.create(discard, discard, Map.of("HOME", "/nonexistent-usync-test-home"))
                .getCommand();
    }

    private PrintStream stream() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    @Test
    void figuresGiveTheRateSinceThePreviousLineTheAverageAndTheTimeLeftAtTheRateNow() {
        TransferFigures figures = new TransferFigures(0);
        assertThat(figures.line(100 * MIB, 400 * MIB, 10 * SECOND))
                .isEqualTo("25% 100.0 of 400.0 MiB, 10.0 MiB/s now, 10.0 average, ETA 0:30");
        assertThat(figures.line(300 * MIB, 400 * MIB, 20 * SECOND))
                .isEqualTo("75% 300.0 of 400.0 MiB, 20.0 MiB/s now, 15.0 average, ETA 0:05");
        assertThat(figures.line(400 * MIB, 400 * MIB, 30 * SECOND)).doesNotContain("ETA");
        assertThat(new TransferFigures(0).line(5 * MIB, -1, SECOND)).isEqualTo("5.0 MiB, 5.0 MiB/s now, 5.0 average");
        assertThat(TransferFigures.duration(3 * 3600 + 62)).isEqualTo("3:01:02");
    }

    @Test
    void theUploadLogLineNamesFilesRatesEtaBusyConnectionsRepostsAndFailures() {
        var progress = new UploadCommand.UploadProgress(usync(), stream(), 4, clock::get);
        progress.planned(12, 200 * MIB, 300, 200 * MIB);
        NntpEventListener events = progress.commands();
        events.onCommandStart("a", "POST");
        events.onCommandStart("a", "POST");
        events.onCommandStart("a", "POST");
        events.onCommandEnd("a", "POST", 240, 0, 0, 0);
        events.onCommandStart("a", "STAT");
        for (int i = 0; i < 100; i++) {
            progress.articlePosted(MIB);
        }
        progress.repost();
        progress.failure("segment 3 of a.bin was refused");
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("nothing before five seconds").isEmpty();
        clock.addAndGet(10 * SECOND);
        progress.articlePosted(0);
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).isEqualTo("upload: 12 files, 50% 100.0 of 200.0 MiB, "
                + "10.0 MiB/s now, 10.0 average, ETA 0:10, 101 articles, 2 of 4 connections busy, 1 re-posts, 1 failures");
    }

    @Test
    void theDownloadLogLineNamesFilesRatesEtaBusyConnectionsFaultsAndMissingSegments() {
        var progress = new DownloadCommand.DownloadProgress(usync(), stream(), 2, clock::get);
        progress.planned(12, 100 * MIB, 0, 0);
        NntpEventListener events = progress.commands();
        for (int i = 0; i < 5; i++) {
            events.onCommandStart("a", "BODY");
        }
        events.onCommandFailed("a", "BODY", new NntpConnectException("lost"));
        events.onConnectFailed("a", new NntpConnectException("refused"));
        progress.fileCompleted("a.bin", 10 * MIB);
        progress.segmentMissing("b.bin", 2, "430 on every server");
        progress.segmentWritten("a.bin", 10 * MIB);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        clock.addAndGet(5 * SECOND + 1);
        progress.segmentWritten("c.bin", 0);
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).isEqualTo("download: 1 of 12 files, "
                + "10% 10.0 of 100.0 MiB, 2.0 MiB/s now, 2.0 average, ETA 0:45, 2 of 2 connections busy, "
                + "2 faults retried, 1 segments missing");
    }
}
