package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpUnavailableException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A post server that can never be connected stops the upload with one network fault after the
 * client's bounded connect retries; one that answered and then went away is waited for as before.
 */
@Timeout(60)
class UnreachableServerTest extends SegmentUploadTestBase {

    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withInFlightArticles(8);

    private long run(ArticleTransport transport, List<PlannedBlob> blobs) throws Exception {
        return new SegmentUpload(transport, source, options, context).run(blobs, new HashMap<>(),
                () -> new SealedArticleEncoder(share, builder, SEGMENT, BlobCompression.none()), new SegmentIds(share));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void stopsWithOneNetworkFaultAndNoFailurePerArticleWhenThePostServerPortIsClosed() throws Exception {
        NntpServerOptions dead = NntpServerOptions.defaults("dead", "127.0.0.1", closedPort())
                .withPool(NntpPoolOptions.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        List<PlannedBlob> blobs = List.of(blob(0, 60_000, 1), blob(1, 60_000, 2), blob(2, 60_000, 3));
        try (NntpCluster cluster = NntpCluster.create(List.of(dead), NntpClusterOptions.defaults(),
                NntpEventListener.NONE)) {
            ClusterTransport transport = new ClusterTransport(cluster);
            transport.openAhead();
            assertThatThrownBy(() -> run(transport, blobs)).isInstanceOfSatisfying(NntpConnectException.class, e -> {
                assertThat(e.getMessage()).contains("Cannot connect to dead (127.0.0.1:")
                        .contains("run the same command again").doesNotContain("\n");
                assertThat(e.tooManyConnections()).isFalse();
            });
        }
        assertThat(context.problems()).as("no line per article").isEmpty();
        for (PlannedBlob b : blobs) {
            BlobLedger ledger = ledgers.get(b.meta().key());
            assertThat(ledger.count(SegmentState.FAILED)).as("segments failed for good").isZero();
            assertThat(ledger.anyPending()).as("segments left to resume").isTrue();
        }
    }

    @Test
    void stopsWhenTheOnlyServerIsPausedBecauseItCouldNeverBeConnected() throws Exception {
        FakeTransport transport = new FakeTransport();
        transport.fault = id -> Optional.of(new NntpUnavailableException("Server fake is paused (circuit open)",
                new NntpConnectException("Cannot connect to fake (127.0.0.1:9): refused")));
        PlannedBlob b = blob(0, 40_000, 4);
        assertThatThrownBy(() -> run(transport, List.of(b))).isInstanceOf(NntpConnectException.class)
                .hasMessageContaining("Cannot connect to fake");
        assertThat(transport.totalPosts()).as("posts after the first fault").isLessThanOrEqualTo(
                options.inFlightArticles() + 1);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void waitsAndResumesWhenAServerThatAnsweredStopsTakingConnections() throws Exception {
        FakeTransport transport = new FakeTransport();
        PlannedBlob b = blob(0, 40_000, 5);
        BlobLedger ledger = ledgers.get(b.meta().key());
        AtomicInteger outage = new AtomicInteger();
        // Once a post has been answered (the ledger shows it), 20 posts meet a paused, unreachable server.
        transport.fault = id -> ledger.count(SegmentState.POSTED) + ledger.count(SegmentState.VERIFIED) > 0
                && outage.incrementAndGet() <= 20
                ? Optional.of(new NntpUnavailableException("Server fake is paused (circuit open)",
                        new NntpConnectException("Cannot connect to fake (127.0.0.1:9): refused")))
                : Optional.empty();
        run(transport, List.of(b));
        assertThat(outage.get()).as("posts met the outage").isGreaterThan(0);
        assertThat(ledger.allVerified()).isTrue();
        assertThat(context.problems()).isEmpty();
    }

    private static ConfirmedPoster.Item page(String local) {
        io.usync.core.MessageId id = new io.usync.core.MessageId("<" + local + "@news.invalid>");
        return new ConfirmedPoster.Item(id, () -> new EncodedArticle(id, io.netty.buffer.Unpooled.copiedBuffer(
                "Message-ID: " + id.withBrackets() + "\r\n\r\nbody\r\n", java.nio.charset.StandardCharsets.US_ASCII), 0));
    }

    @Test
    void theManifestStopsWithTheNetworkFaultWhenNoServerWasEverConnected() {
        FakeTransport transport = new FakeTransport();
        transport.fault = id -> Optional.of(new NntpConnectException("Cannot connect to fake (127.0.0.1:9): refused"));
        assertThatThrownBy(() -> new ConfirmedPoster(transport, options, context)
                .postAndConfirm(List.of(page("page0"), page("page1"))))
                .isInstanceOf(NntpConnectException.class).hasMessageContaining("run the same command again");
        assertThat(transport.totalPosts()).as("one round, not a wait").isEqualTo(2);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void theManifestIsPostedAgainWhenTheServerAnsweredBeforeAndOneConnectFails() throws Exception {
        FakeTransport transport = new FakeTransport();
        context.postAnswered();
        AtomicInteger calls = new AtomicInteger();
        transport.fault = id -> calls.incrementAndGet() == 1
                ? Optional.of(new NntpConnectException("Cannot connect to fake (127.0.0.1:9): refused"))
                : Optional.empty();
        boolean confirmed = new ConfirmedPoster(transport, options, context).postAndConfirm(List.of(page("page0")));
        assertThat(confirmed).as("%s", context.problems()).isTrue();
        assertThat(transport.stored).containsKey("<page0@news.invalid>");
    }
}
