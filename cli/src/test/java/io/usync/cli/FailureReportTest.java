package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadException;
import io.usync.segmenter.SegmenterException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureReportTest {

    @Test
    void anUnreadableUploadFolderIsTheDataExitCodeWithoutReportIt() {
        var scan = new SegmenterException.ScanFailed("cannot list /x: Permission denied; check the folder's permissions",
                new IOException("Permission denied"));
        FailureReport report = FailureReport.of(new CompletionException(scan));
        assertThat(report.exitCode()).isEqualTo(ExitCode.DATA);
        assertThat(report.message()).isEqualTo(scan.getMessage()).doesNotContain("report it");
    }

    @Test
    void aSourceFileThatCannotBeReadIsTheDataExitCode() {
        var read = new SegmenterException.ReadFailed("cannot read /x/a.bin: Input/output error",
                new IOException("Input/output error"));
        assertThat(FailureReport.of(read).exitCode()).isEqualTo(ExitCode.DATA);
    }

    @Test
    void aDownloadFaultHasTheExitCodeOfItsKind() {
        assertThat(FailureReport.of(new DownloadException.WrongKey("the password does not open this share"))
                .exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(FailureReport.of(new DownloadException.ServerFault("cannot fetch",
                new io.usync.nntp.NntpConnectException("refused"))).exitCode()).isEqualTo(ExitCode.NETWORK);
        assertThat(FailureReport.of(new DownloadException.ShareNotFound("not found")).exitCode())
                .isEqualTo(ExitCode.DATA);
    }

    @Test
    void anythingElseIsUnexpected() {
        FailureReport report = FailureReport.of(new IllegalStateException("boom"));
        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.message()).contains("report it");
    }
}
