package io.usync.upload;

import io.netty.buffer.PooledByteBufAllocator;
import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.SourceFile;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.ManifestBlob;
import io.usync.segmenter.compress.CompressorOptions;
import io.usync.segmenter.compress.SegmentCompressor;
import io.usync.segmenter.read.Sha256;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds throwaway articles (a random key, random bytes; nothing leaves the process) on a
 * background thread while the index opens and the upload is planned (after the scan), so
 * the JIT has compiled AES-GCM, SHA-256 and the article code, and the native yEnc and zstd
 * libraries are loaded, before the first real article: cold, each encoder's first 700 KiB article
 * ran in the JDK's interpreted AES-GCM code for 0.25-0.6 s while the server waited for it.
 */
final class EncodingWarmUp implements Runnable {

    /** Bytes of one throwaway segment: small enough to be cheap interpreted, large enough to loop. */
    static final int SEGMENT_BYTES = 64 * 1024;
    /** At most this many throwaway articles are built. */
    static final int MAX_ARTICLES = 16;
    /** Two articles in a row built faster than this mean the compiled code is in: stop early. */
    private static final long FAST_NANOS = 400_000;

    private final UploadOptions options;
    private final boolean plain;

    /** Creates a warm-up of the path of {@code plain} (or share-mode) articles built with {@code options}. */
    EncodingWarmUp(UploadOptions options, boolean plain) {
        this.options = options;
        this.plain = plain;
    }

    /** Starts the warm-up on a daemon thread; interrupt the thread to stop it early. */
    Thread start() {
        return Thread.ofPlatform().daemon().name("usync-warm-up").start(this);
    }

    @Override
    public void run() {
        try {
            warm();
        } catch (RuntimeException | Error e) {
            // Only speed is at stake: the real articles report any real fault.
        }
    }

    /** Builds throwaway articles on this thread until they build fast, the bound, or an interrupt; returns how many. */
    int warm() {
        SecureRandom random = new SecureRandom();
        ShareContext context = new ShareContext(ShareLocator.random(random), ShareKeys.derive(RootKey.generate(random)),
                plain ? Optional.empty() : Optional.of(ShareKind.PUBLIC), 1, String.join(",", options.newsgroups()),
                options.messageIdDomain());
        ArticleBuilder builder = new ArticleBuilder(new YencEncoder(new YencEncoderOptions(options.lineLength())),
                PooledByteBufAllocator.DEFAULT, Clock.systemUTC());
        BlobCompression compression = new BlobCompression(options.compress() && !plain
                ? Optional.of(new SegmentCompressor(CompressorOptions.defaults()))
                : Optional.empty());
        ArticleEncoder encoder = plain
                ? new PlainArticleEncoder(context, builder, options.plainFrom(), 1)
                : new SealedArticleEncoder(context, builder, SEGMENT_BYTES, compression);
        long size = 2L * SEGMENT_BYTES;
        PlannedBlob blob = new PlannedBlob(new ManifestBlob(BlobKind.FILE, 0, 1, size, SEGMENT_BYTES, 2),
                new PlannedBlob.WholeFile(Path.of("warm-up"), new SourceFile("warm-up", size, 0), 1));
        Segment segment = new Segment(BlobKind.FILE, 0, 0, 2, new ByteRange(0, SEGMENT_BYTES));
        ByteBuffer data = ByteBuffer.allocateDirect(SEGMENT_BYTES);
        byte[] bytes = new byte[SEGMENT_BYTES];
        random.nextBytes(bytes);
        data.put(bytes).flip();
        MessageDigest sha256 = Sha256.newDigest();
        int fast = 0;
        int built = 0;
        while (built < MAX_ARTICLES && fast < 2 && !Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            sha256.update(data.duplicate());
            sha256.digest();
            try {
                encoder.encode(blob, segment, data.duplicate(), 0, null).article().release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return built;
            }
            built++;
            fast = System.nanoTime() - start < FAST_NANOS ? fast + 1 : 0;
        }
        return built;
    }
}
