package io.usync.download.share;

import com.github.luben.zstd.ZstdInputStream;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFormatException;
import io.usync.core.manifest.ManifestLimits;
import io.usync.download.DownloadException;
import io.usync.download.output.PartFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Fetches a resolved share's manifest pages (a bounded number at a time), opens each with the
 * associated data of its version, index and last flag, checks the body's length and SHA-256
 * against the descriptor, then decompresses and decodes it within {@link ManifestLimits}.
 */
public final class ManifestLoader {

    private final ArticleBytes articles;
    private final int window;
    private final ManifestLimits limits;

    /** Creates a loader fetching up to {@code window} pages at a time. */
    public ManifestLoader(ArticleBytes articles, int window, ManifestLimits limits) {
        this.articles = articles;
        this.window = window;
        this.limits = limits;
    }

    /** Loads and authenticates the manifest of {@code share}. */
    public Manifest load(ResolvedShare share) {
        ManifestDescriptor d = share.descriptor();
        ShareCrypto crypto = share.crypto();
        int pages = d.pageCount();
        if (d.bodyLength() > Integer.MAX_VALUE - 64) {
            throw new DownloadException.TamperedManifest("the manifest claims " + d.bodyLength() + " bytes", null);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(d.bodyLength(), 1 << 20));
        Deque<CompletableFuture<Optional<byte[]>>> pending = new ArrayDeque<>();
        int next = 0;
        for (int page = 0; page < pages; page++) {
            while (next < pages && pending.size() < window) {
                pending.add(articles.fetch(crypto.ids().manifestPage(share.version(), next++)));
            }
            Optional<byte[]> sealed = join(pending.removeFirst());
            if (sealed.isEmpty()) {
                throw new DownloadException.ShareNotFound("page " + (page + 1) + " of " + pages + " of the share's "
                        + "manifest is missing on every read server; try another server profile");
            }
            byte[] aad = ManifestAad.page(crypto.locator(), share.version(), page, page == pages - 1);
            Optional<byte[]> plain = crypto.manifestCipher().open(sealed.get(), aad);
            if (plain.isEmpty()) {
                throw new DownloadException.TamperedManifest("page " + (page + 1) + " of the share's manifest "
                        + "failed authentication (tampered, reordered or from another version)", null);
            }
            body.writeBytes(plain.get());
            if (body.size() > d.bodyLength()) {
                throw new DownloadException.TamperedManifest("the manifest body is longer than its descriptor says",
                        null);
            }
        }
        byte[] bytes = body.toByteArray();
        MessageDigest sha = PartFile.newSha256();
        if (bytes.length != d.bodyLength() || !MessageDigest.isEqual(sha.digest(bytes), d.bodySha256())) {
            throw new DownloadException.TamperedManifest("the manifest body does not match its descriptor", null);
        }
        Manifest manifest;
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes))) {
            manifest = new ManifestCodec(limits).decode(in);
        } catch (ManifestFormatException e) {
            throw new DownloadException.TamperedManifest("the manifest cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DownloadException.TamperedManifest("the manifest cannot be decompressed: " + e.getMessage(), e);
        }
        if (manifest.version() != share.version()) {
            throw new DownloadException.TamperedManifest("the manifest names version " + manifest.version()
                    + ", expected " + share.version(), null);
        }
        return manifest;
    }

    private static Optional<byte[]> join(CompletableFuture<Optional<byte[]>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException.BadInput("interrupted while fetching the manifest", e);
        } catch (ExecutionException e) {
            throw ArticleBytes.manifestUnavailable(e.getCause(), "");
        }
    }
}
