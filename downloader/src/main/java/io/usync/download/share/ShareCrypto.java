package io.usync.download.share;

import io.usync.core.ShareLocator;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.crypto.ShareKeys;
import java.security.SecureRandom;

/**
 * An opened share's keys and the per-thread cipher and id derivers built from them (the core
 * classes are not thread-safe, so each pipeline thread gets its own).
 */
public final class ShareCrypto {

    private final ShareLocator locator;
    private final String domain;
    private final ThreadLocal<SegmentSealer> sealers;
    private final ThreadLocal<AesGcm> manifestCiphers;
    private final ThreadLocal<MessageIds> ids;

    /** Derives the share's working keys from its root key. */
    public ShareCrypto(ShareLocator locator, RootKey root, String domain) {
        this.locator = locator;
        this.domain = domain;
        ShareKeys keys = ShareKeys.derive(root);
        SecureRandom random = new SecureRandom();
        this.sealers = ThreadLocal.withInitial(() -> new SegmentSealer(keys, random));
        this.manifestCiphers = ThreadLocal.withInitial(() -> new AesGcm(keys.manifest(), random));
        this.ids = ThreadLocal.withInitial(() -> MessageIds.forShare(keys, domain));
    }

    /** The share's locator. */
    public ShareLocator locator() {
        return locator;
    }

    /** The Message-ID domain of the share's articles. */
    public String domain() {
        return domain;
    }

    /** This thread's segment sealer. */
    public SegmentSealer sealer() {
        return sealers.get();
    }

    /** This thread's cipher under the manifest key. */
    public AesGcm manifestCipher() {
        return manifestCiphers.get();
    }

    /** This thread's Message-ID deriver. */
    public MessageIds ids() {
        return ids.get();
    }

    @Override
    public String toString() {
        return "ShareCrypto[" + locator.hex() + ", keys hidden]";
    }
}
