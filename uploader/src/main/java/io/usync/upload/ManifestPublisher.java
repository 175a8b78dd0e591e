package io.usync.upload;

import com.github.luben.zstd.Zstd;
import io.usync.core.MessageId;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.manifest.KeySlot;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestHeader;
import io.usync.core.manifest.ManifestLimits;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Publishes one manifest version (docs/share-format.md): the encoded manifest is zstd-compressed,
 * cut into pages sealed under the manifest key and posted at derived ids, followed by the header
 * (key slots and the sealed descriptor) at the locator-derived id; all are checked with STAT and
 * re-posted within the bounds. It runs only once every segment of the version is verified.
 */
final class ManifestPublisher {

    private static final int ZSTD_LEVEL = 6;

    private final ConfirmedPoster poster;
    private final UploadOptions options;
    private final SecureRandom random;
    private final Clock clock;

    /** Creates a publisher posting through {@code poster}. */
    ManifestPublisher(ConfirmedPoster poster, UploadOptions options, SecureRandom random, Clock clock) {
        this.poster = poster;
        this.options = options;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Posts {@code manifest} for {@code share} with the given key slots and previous version;
     * returns the number of articles posted, or empty if a page or the header could not be verified.
     */
    Optional<Integer> publish(Manifest manifest, ShareContext share, SealedArticleEncoder encoder, List<KeySlot> slots,
            int previousVersion) throws InterruptedException {
        byte[] encoded = new ManifestCodec(ManifestLimits.defaults()).encode(manifest);
        byte[] body = Zstd.compress(encoded, ZSTD_LEVEL);
        int pageSize = options.articleSize() - AesGcm.OVERHEAD;
        int pageCount = Math.max(1, (body.length + pageSize - 1) / pageSize);
        AesGcm gcm = new AesGcm(share.keys().manifest(), random);
        SegmentIds ids = new SegmentIds(share);
        int version = manifest.version();
        List<ConfirmedPoster.Item> pages = new ArrayList<>(pageCount);
        for (int page = 0; page < pageCount; page++) {
            byte[] piece = Arrays.copyOfRange(body, page * pageSize, Math.min(body.length, (page + 1) * pageSize));
            byte[] sealed = gcm.seal(piece, ManifestAad.page(share.locator(), version, page, page == pageCount - 1));
            MessageId id = ids.manifestPage(version, page);
            pages.add(new ConfirmedPoster.Item(id, () -> encoder.encodeSealed(id, ByteBuffer.wrap(sealed))));
        }
        ManifestDescriptor descriptor = new ManifestDescriptor(share.locator(), version, previousVersion, pageCount,
                body.length, sha256(body), clock.millis());
        byte[] sealedDescriptor = gcm.seal(descriptor.encode(), ManifestAad.descriptor(share.locator(), version));
        ManifestHeader header = new ManifestHeader(share.kind().orElseThrow(), version, slots, sealedDescriptor);
        byte[] payload = header.encode();
        MessageId headerId = MessageIds.manifestHeader(share.locator(), version, share.messageIdDomain());
        pages.add(new ConfirmedPoster.Item(headerId, () -> encoder.encodeSealed(headerId, ByteBuffer.wrap(payload))));
        if (!poster.postAndConfirm(pages)) {
            return Optional.empty();
        }
        return Optional.of(pageCount + 1);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
