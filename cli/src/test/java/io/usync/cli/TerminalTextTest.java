package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.TerminalText;
import io.usync.download.DownloadCounts;
import io.usync.download.DownloadFailure;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.download.MissingFile;
import io.usync.download.RejectedName;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    /** A name that would clear the screen and start a forged line of its own. */
    private static final String HOSTILE = "a\u001b[2J\r\nusync: all good\u0007.bin";

    @Test
    void everyControlCharacterBecomesAQuestionMarkAndPlainTextStaysTheSameString() {
        assertThat(TerminalText.printable(HOSTILE)).isEqualTo("a?[2J??usync: all good?.bin");
        assertThat(TerminalText.printable("\t\u0000\u009b")).isEqualTo("???");
        String plain = "dir/ünïcode name.bin";
        assertThat(TerminalText.printable(plain)).isSameAs(plain);
    }

    @Test
    void aFailureLineShowsNoControlCharacter() {
        FailureReport report = FailureReport.of(new CliException(ExitCode.DATA, "cannot read " + HOSTILE));
        assertThat(report.message()).doesNotContain("\u001b", "\r", "\n").contains("?[2J");
    }

    @Test
    void uploadProblemLinesShowNoControlCharacterListedOrSummarised() {
        for (int count : new int[] {1, 30}) {
            List<String> problems = Collections.nCopies(count, "skipped " + HOSTILE + ": UNREADABLE");
            StringWriter err = new StringWriter();
            UploadCommand.printReport(new UploadReport(Optional.empty(), 1, 1, 1, 0, 0, 0, Duration.ZERO,
                    UploadOutcome.PARTIAL, problems), new PrintWriter(new StringWriter()), new PrintWriter(err), true,
                    false);
            assertThat(err.toString()).as("%d problems", count).doesNotContain("\u001b", "\r", "\u0007")
                    .contains("skipped a?[2J??usync: all good?.bin");
        }
    }

    @Test
    void downloadReportLinesShowNoControlCharacter() {
        DownloadCounts counts = new DownloadCounts(0, 0, 0, 0, 0, 1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DownloadCommand.printReport(new DownloadReport(DownloadOutcome.INCOMPLETE,
                List.of(new MissingFile(HOSTILE, 1, "430 " + HOSTILE)), List.of(new RejectedName(HOSTILE, "unsafe")),
                counts, Duration.ZERO, Optional.empty()), new PrintWriter(out), new PrintWriter(err));
        DownloadCommand.printReport(DownloadReport.failed(new DownloadFailure(DownloadFailure.Kind.BAD_INPUT,
                "bad name " + HOSTILE), counts, Duration.ZERO), new PrintWriter(out), new PrintWriter(err));
        assertThat(out + err.toString()).doesNotContain("\u001b", "\r", "\u0007").contains("missing: a?[2J")
                .contains("refused name: a?[2J").contains("usync: bad name a?[2J");
    }
}
