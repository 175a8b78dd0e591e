package io.usync.download;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.MessageId;
import io.usync.core.crypto.MessageIds;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestLimits;
import io.usync.download.fetch.ArticleFetcher;
import io.usync.download.share.ArticleBytes;
import io.usync.download.share.ManifestLoader;
import io.usync.download.share.ResolvedShare;
import io.usync.download.share.ShareResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code usync verify}: resolves a share and reads its manifest, then asks every read server with
 * STAT whether each of the share's articles (header, manifest pages, every segment) exists,
 * a bounded number at a time, and reports availability per server.
 */
public final class ShareVerifier {

    private final DownloadOptions options;
    private final ArticleFetcher fetcher;
    private final Map<String, ArticleChecker> servers;

    /** Creates a verifier fetching the manifest through {@code fetcher} and checking through {@code servers}. */
    public ShareVerifier(DownloadOptions options, ArticleFetcher fetcher, Map<String, ArticleChecker> servers) {
        this.options = options;
        this.fetcher = fetcher;
        this.servers = new LinkedHashMap<>(servers);
    }

    /** Verifies {@code share}; resolution faults are {@link DownloadException}s with one-line messages. */
    public VerifyReport verify(DownloadRequest.Share share, DownloadListener listener) throws InterruptedException {
        long start = System.nanoTime();
        ArticleBytes articles = new ArticleBytes(fetcher, ByteBufAllocator.DEFAULT, options.maxSegmentBytes());
        listener.status("resolving the share");
        ResolvedShare resolved = new ShareResolver(articles, options.messageIdDomain(), options.maxProbeVersion())
                .resolve(share.id(), share.credentials(), share.version());
        Manifest manifest = new ManifestLoader(articles, options.manifestWindow(), ManifestLimits.defaults())
                .load(resolved);
        List<Counter> counters = servers.keySet().stream().map(Counter::new).toList();
        AtomicLong missingEverywhere = new AtomicLong();
        AtomicLong total = new AtomicLong();
        int permits = Math.max(options.inFlightArticles(), counters.size());
        Semaphore window = new Semaphore(permits);
        listener.status("checking every article of version " + resolved.version() + " on " + servers.size()
                + " servers");
        Consumer<MessageId> check = id -> {
            total.incrementAndGet();
            AtomicLong pending = new AtomicLong(counters.size());
            AtomicLong foundAnywhere = new AtomicLong();
            try {
                window.acquire(counters.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException.BadInput("interrupted", e);
            }
            for (Counter counter : counters) {
                servers.get(counter.server).exists(id).whenComplete((found, error) -> {
                    if (error != null) {
                        counter.errors.incrementAndGet();
                    } else if (found) {
                        counter.found.incrementAndGet();
                        foundAnywhere.incrementAndGet();
                    } else {
                        counter.missing.incrementAndGet();
                    }
                    if (pending.decrementAndGet() == 0 && foundAnywhere.get() == 0) {
                        missingEverywhere.incrementAndGet();
                    }
                    window.release();
                });
            }
        };
        check.accept(MessageIds.manifestHeader(resolved.crypto().locator(), resolved.version(),
                options.messageIdDomain()));
        for (int page = 0; page < resolved.descriptor().pageCount(); page++) {
            check.accept(resolved.crypto().ids().manifestPage(resolved.version(), page));
        }
        Map<Manifest.SegmentKey, Integer> attempts = manifest.attemptsBySegment();
        for (ManifestBlob blob : manifest.blobs()) {
            for (int s = 0; s < blob.segmentCount(); s++) {
                int attempt = attempts.getOrDefault(new Manifest.SegmentKey(blob.key(), s), 0);
                check.accept(resolved.crypto().ids().segment(blob.originVersion(), blob.kind(), blob.index(), s,
                        attempt));
            }
        }
        window.acquire(permits);
        window.release(permits);
        List<VerifyReport.ServerAvailability> availability = new ArrayList<>();
        for (Counter c : counters) {
            availability.add(new VerifyReport.ServerAvailability(c.server, c.found.get(), c.missing.get(),
                    c.errors.get()));
        }
        return new VerifyReport(resolved.version(), total.get(), availability, missingEverywhere.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static final class Counter {
        private final String server;
        private final AtomicLong found = new AtomicLong();
        private final AtomicLong missing = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();

        Counter(String server) {
            this.server = server;
        }
    }
}
