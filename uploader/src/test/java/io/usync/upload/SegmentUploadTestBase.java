package io.usync.upload;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.BlobKind;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.SourceFile;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.ManifestBlob;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What a {@link SegmentUpload} test starts from: a public share, blobs of random bytes held in
 * memory with their ledgers, a journal that records, and the posting context over them.
 */
abstract class SegmentUploadTestBase {

    static final int SEGMENT = 4096;

    final SecureRandom random = new SecureRandom();
    final ShareContext share = new ShareContext(ShareLocator.random(random),
            ShareKeys.derive(RootKey.generate(random)), Optional.of(ShareKind.PUBLIC), 1, "alt.binaries.test",
            "example.net");
    final InMemoryBlobSource source = new InMemoryBlobSource();
    final RecordingJournal journal = new RecordingJournal();
    final Map<BlobKey, BlobLedger> ledgers = new HashMap<>();
    final PostingContext context = new PostingContext(ledgers, journal, 7, UploadListener.NONE);
    final ArticleBuilder builder = new ArticleBuilder(new YencEncoder(YencEncoderOptions.defaults()),
            ByteBufAllocator.DEFAULT, Clock.systemUTC());

    /** A whole-file blob {@code index} of {@code size} random bytes (from {@code seed}), in memory, with its ledger. */
    PlannedBlob blob(int index, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ManifestBlob meta = new ManifestBlob(BlobKind.FILE, index, 1, size, SEGMENT, (size + SEGMENT - 1) / SEGMENT);
        source.blobs.put(meta.key(), bytes);
        ledgers.put(meta.key(), new BlobLedger(meta.key(), 1, meta.segmentCount()));
        return new PlannedBlob(meta, new PlannedBlob.WholeFile(Path.of("/nonexistent"),
                new SourceFile("f" + index + ".bin", size, 0), index + 1));
    }
}
