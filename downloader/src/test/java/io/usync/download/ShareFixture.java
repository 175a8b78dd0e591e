package io.usync.download;

import com.github.luben.zstd.Zstd;
import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.PasswordKdf;
import io.usync.core.crypto.RecipientKeyPair;
import io.usync.core.crypto.RecipientKeys;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.RootKeyWrap;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.KeySlot;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.manifest.ManifestHeader;
import io.usync.core.manifest.ManifestLimits;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a share in memory the way docs/share-format.md describes it (sealed yEnc articles,
 * manifest pages and header) so the downloader can be tested without the uploader.
 */
final class ShareFixture {

    static final String DOMAIN = "news.invalid";
    static final int SEGMENT = 1000;
    static final int PACK_MAX = 300;

    final Map<String, byte[]> articles = new LinkedHashMap<>();
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Map<String, Long> mtimes = new LinkedHashMap<>();
    final List<String> folders = new ArrayList<>();
    final List<String> segmentIds = new ArrayList<>();
    private final CraftedNames crafted = new CraftedNames();
    final ShareLocator locator;
    final RootKey root;
    private final SecureRandom random;
    private final ShareKeys keys;
    private final YencEncoder yenc = new YencEncoder(YencEncoderOptions.defaults());

    ShareFixture(long seed) {
        this.random = new SecureRandom();
        this.locator = ShareLocator.random(random);
        this.root = RootKey.generate(random);
        this.keys = ShareKeys.derive(root);
        java.util.Random r = new java.util.Random(seed);
        add("big.bin", bytes(r, 5 * SEGMENT + 123));
        add("dir/medium.dat", bytes(r, 2 * SEGMENT));
        add("dir/small-1.txt", bytes(r, 100));
        add("dir/small-2.txt", bytes(r, 250));
        add("dir/deep/small-3.txt", bytes(r, 290));
        add("empty.txt", new byte[0]);
        folders.add("emptyfolder");
    }

    void add(String path, byte[] content) {
        files.put(path, content);
        mtimes.put(path, 1_600_000_000_000L + files.size() * 1000L);
    }

    /** Adds a file whose name the manifest model refuses (written into the encoding by {@link CraftedNames}). */
    void addCrafted(String path, byte[] content) {
        add(crafted.standIn(path), content);
    }

    /** Adds a folder whose name the manifest model refuses. */
    void addCraftedFolder(String path) {
        folders.add(crafted.standIn(path));
    }

    static byte[] bytes(java.util.Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Publishes version {@code version} as a public share and returns its id. */
    ShareId publishPublic(int version) {
        publish(version, List.of(), ShareKind.PUBLIC);
        return new ShareId.Public(locator, root);
    }

    /** Publishes as a protected share (cheap Argon2id parameters) and returns its id. */
    ShareId publishProtected(char[] password) {
        KdfParameters kdf = KdfParameters.of(new byte[16], 64, 1, 1);
        byte[] slot = RootKeyWrap.wrap(PasswordKdf.derive(password, kdf), root, ManifestAad.keySlot(locator), random);
        publish(1, List.of(new KeySlot(slot)), ShareKind.PROTECTED);
        return new ShareId.Protected(locator, kdf);
    }

    /** Publishes as a private share for {@code recipient} and returns its id. */
    ShareId publishPrivate(RecipientKeyPair recipient) {
        byte[] slot = RecipientKeys.wrap(root, recipient.publicKey(), ManifestAad.keySlot(locator), random);
        publish(1, List.of(new KeySlot(slot)), ShareKind.PRIVATE);
        return new ShareId.Private(locator);
    }

    void publish(int version, List<KeySlot> slots, ShareKind kind) {
        MessageIds ids = MessageIds.forShare(keys, DOMAIN);
        List<ManifestBlob> blobs = new ArrayList<>();
        List<ManifestFile> list = new ArrayList<>();
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        int fileBlob = 0;
        for (var e : files.entrySet()) {
            byte[] content = e.getValue();
            FileLocation location;
            if (content.length == 0) {
                location = FileLocation.EMPTY;
            } else if (content.length <= PACK_MAX) {
                location = new FileLocation.Packed(0, pack.size());
                pack.writeBytes(content);
            } else {
                int index = fileBlob++;
                blobs.add(blob(BlobKind.FILE, index, content, ids));
                location = new FileLocation.Whole(index);
            }
            list.add(new ManifestFile(e.getKey(), content.length, mtimes.get(e.getKey()), sha256(content), location));
        }
        if (pack.size() > 0) {
            blobs.add(blob(BlobKind.PACK, 0, pack.toByteArray(), ids));
        }
        Manifest manifest = new Manifest("fixture", version, SEGMENT + 29, folders, blobs, list, List.of());
        byte[] body = Zstd.compress(crafted.apply(new ManifestCodec(ManifestLimits.defaults()).encode(manifest)), 3);
        AesGcm gcm = new AesGcm(keys.manifest(), random);
        int pageSize = 400;
        int pages = (body.length + pageSize - 1) / pageSize;
        for (int p = 0; p < pages; p++) {
            byte[] piece = Arrays.copyOfRange(body, p * pageSize, Math.min(body.length, (p + 1) * pageSize));
            put(ids.manifestPage(version, p), gcm.seal(piece, ManifestAad.page(locator, version, p, p == pages - 1)));
        }
        ManifestDescriptor descriptor = new ManifestDescriptor(locator, version, version - 1, pages, body.length,
                sha256(body), 1L);
        byte[] sealed = gcm.seal(descriptor.encode(), ManifestAad.descriptor(locator, version));
        put(MessageIds.manifestHeader(locator, version, DOMAIN), new ManifestHeader(kind, version, slots, sealed).encode());
    }

    private ManifestBlob blob(BlobKind kind, int index, byte[] content, MessageIds ids) {
        int count = (content.length + SEGMENT - 1) / SEGMENT;
        SegmentSealer sealer = new SegmentSealer(keys, random);
        for (int s = 0; s < count; s++) {
            int from = s * SEGMENT;
            int to = Math.min(content.length, from + SEGMENT);
            ByteBuffer plain = ByteBuffer.allocate(1 + to - from).put((byte) 0).put(content, from, to - from).flip();
            ByteBuffer sealed = ByteBuffer.allocate(SegmentSealer.sealedSize(plain.remaining()));
            sealer.seal(new SegmentAad(locator, kind, index, s, s == count - 1), plain, sealed);
            MessageId id = ids.segment(1, kind, index, s, 0);
            segmentIds.add(id.withBrackets());
            put(id, Arrays.copyOf(sealed.array(), sealed.position()));
        }
        return new ManifestBlob(kind, index, 1, content.length, SEGMENT, count);
    }

    /** Stores {@code data} as a single-part yEnc article body at {@code id}. */
    void put(MessageId id, byte[] data) {
        articles.put(id.withBrackets(), yencArticle(yenc, "x" + articles.size(), data, 1, 1, 0, data.length));
    }

    /** A yEnc article body for part {@code part} of {@code total} of a file of {@code fileSize} bytes. */
    static byte[] yencArticle(YencEncoder yenc, String name, byte[] fileData, int part, int total, int offset,
            int length) {
        YencPart yp = YencPart.of(name, part, total, fileData.length, offset, length);
        ByteBuffer out = ByteBuffer.allocate((int) yenc.maxEncodedSize(yp));
        yenc.encode(yp, ByteBuffer.wrap(fileData, (int) offset, length), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
