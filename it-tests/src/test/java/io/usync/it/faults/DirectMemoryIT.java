package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.upload.UploadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded across repeated downloads with misses: Netty's direct-memory counter (the
 * one behind {@code OutOfDirectMemoryError}) does not grow with each download. Every download
 * probes the manifest version after the newest, which the server answers with 430, and 10% of the
 * articles are missing on the first of two servers.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DirectMemoryIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void repeatedDownloadsWithMissesLeakNoDirectMemory() throws Exception {
        RoundTrip rig = RoundTrip.defaults();
        try (FakeNntpServer first = FakeNntpServer.start(); FakeNntpServer second = FakeNntpServer.start()) {
            Path source = SourceTree.write(dir.resolve("src"), 31, 4, 40_000);
            List<NntpServerOptions> both = List.of(RoundTrip.server("first", first.host(), first.port(), 0),
                    RoundTrip.server("second", second.host(), second.port(), 1));
            UploadReport upload = rig.upload(List.of(both.get(1)), RoundTrip.indexOptions(DB), source);
            String id = upload.shareId().orElseThrow();
            long before = PlatformDependent.usedDirectMemory();
            int rounds = 6;
            for (int i = 0; i < rounds; i++) {
                DownloadReport report = rig.download(both, id, dir.resolve("out-" + i));
                assertThat(report.outcome()).as("%s", report.failure()).isEqualTo(DownloadOutcome.COMPLETE);
            }
            long grown = PlatformDependent.usedDirectMemory() - before;
            assertThat(grown).as("direct memory grown over %d downloads (bytes)", rounds).isLessThan(16L << 20);
        }
    }
}
