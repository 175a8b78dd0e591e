package io.usync.it.support;

import io.usync.core.ShareId;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.ShareCredentials;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.testing.TestDatabase;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpTimeouts;
import io.usync.nntp.NntpServerOptions;
import io.usync.upload.ClusterTransport;
import io.usync.upload.ShareSpec;
import io.usync.upload.UploadListener;
import io.usync.upload.UploadOptions;
import io.usync.upload.UploadReport;
import io.usync.upload.Uploader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Uploads and downloads through the real modules (uploader over the index and the NNTP cluster,
 * downloader over the cluster) with small, fast settings: the rig of the fault and crash cases.
 */
public final class RoundTrip {

    /** Small articles, no check delay, few articles in flight: many articles from little data. */
    public static final UploadOptions UPLOAD = UploadOptions.defaults().withArticleSize(16 * 1024)
            .withPostCheckDelay(Duration.ZERO).withInFlightArticles(8);

    private final UploadOptions upload;
    private final NntpClusterOptions cluster;

    /** A rig with these upload options and cluster options. */
    public RoundTrip(UploadOptions upload, NntpClusterOptions cluster) {
        this.upload = upload;
        this.cluster = cluster;
    }

    /** The default rig: {@link #UPLOAD} and the cluster defaults. */
    public static RoundTrip defaults() {
        return new RoundTrip(UPLOAD, NntpClusterOptions.defaults());
    }

    /** The index options for the test database. */
    public static IndexOptions indexOptions(TestDatabase database) {
        return IndexOptions.defaults().withJdbcUrl(database.jdbcUrl(), database.user(), database.password());
    }

    /** Uploads {@code dir} as a public share through {@code servers}, remembering in {@code index}. */
    public UploadReport upload(List<NntpServerOptions> servers, IndexOptions index, Path dir)
            throws IOException, InterruptedException {
        try (IndexDatabase database = IndexDatabase.open(index);
                NntpCluster nntp = NntpCluster.create(servers, cluster, NntpEventListener.NONE)) {
            return new Uploader(upload, new ClusterTransport(nntp), new ShareIndex(database), UploadListener.NONE)
                    .upload(dir, ShareSpec.publicShare());
        }
    }

    /** Downloads a public share into {@code out} through {@code servers}, using the uploader's Message-ID domain. */
    public DownloadReport download(List<NntpServerOptions> servers, String shareId, Path out) {
        DownloadOptions options = DownloadOptions.defaults().withInFlightArticles(16).withSyncData(false)
                .withMessageIdDomain(upload.messageIdDomain());
        try (NntpCluster nntp = NntpCluster.create(servers, cluster, NntpEventListener.NONE)) {
            return new Downloader(options, nntp, DownloadListener.NONE)
                    .download(DownloadRequest.share(ShareId.parse(shareId), ShareCredentials.none(), out));
        }
    }

    /**
     * Plain loopback server options with tight timeouts (2 s connect, 3 s login and read, 5 s per
     * command), two connections and a short backoff, in its own tier and backend group.
     */
    public static NntpServerOptions server(String name, String host, int port, int tier) {
        return NntpServerOptions.defaults(name, host, port)
                .withTimeouts(new NntpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3),
                        Duration.ofSeconds(5)))
                .withPool(NntpPoolOptions.defaults().withMaxConnections(2).withPendingAcquire(1000, Duration.ofSeconds(10))
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)))
                .withPlacement(tier, "server:" + name, EnumSet.allOf(NntpServerOptions.Role.class));
    }

    /** The upload options of this rig. */
    public UploadOptions uploadOptions() {
        return upload;
    }
}
