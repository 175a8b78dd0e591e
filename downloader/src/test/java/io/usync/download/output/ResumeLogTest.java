package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeLogTest {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveAReopenOnlyAfterAFlushAndATornLineIsIgnored() throws IOException {
        try (ResumeLog log = ResumeLog.open(dir, "abcdef0123")) {
            log.recordSegment(3, 7);
            log.recordVerified(4);
            log.flush(() -> { });
            log.recordSegment(3, 8);
        }
        Files.writeString(dir.resolve("abcdef0123.log"), "s 3 9", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        try (ResumeLog log = ResumeLog.open(dir, "abcdef0123")) {
            assertThat(log.segmentDone(3, 7)).isTrue();
            assertThat(log.fileVerified(4)).isTrue();
            assertThat(log.segmentDone(3, 8)).isFalse();
            assertThat(log.segmentDone(3, 9)).isFalse();
        }
    }

    @Test
    void dataIsSyncedBeforeRecordsAreWrittenAndForgetDropsAFile() throws IOException {
        try (ResumeLog log = ResumeLog.open(dir, "0011223344")) {
            log.recordSegment(1, 0);
            boolean[] synced = new boolean[1];
            log.flush(() -> {
                assertThat(Files.readString(log.path())).doesNotContain("s 1 0");
                synced[0] = true;
            });
            assertThat(synced[0]).isTrue();
            log.forget(1);
            log.flush(() -> { });
        }
        try (ResumeLog log = ResumeLog.open(dir, "0011223344")) {
            assertThat(log.segmentDone(1, 0)).isFalse();
        }
    }

    @Test
    void aLogOfAnotherDownloadIsNeverRead() throws IOException {
        Files.writeString(dir.resolve("aaaaaaaaaa.log"), "usync-resume 1 bbbbbbbbbb\ns 1 1\n");
        try (ResumeLog log = ResumeLog.open(dir, "aaaaaaaaaa")) {
            assertThat(log.segmentDone(1, 1)).isFalse();
        }
    }
}
