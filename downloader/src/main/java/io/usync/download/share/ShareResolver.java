package io.usync.download.share;

import io.usync.core.ShareId;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.PasswordKdf;
import io.usync.core.crypto.RecipientKeys;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.RootKeyWrap;
import io.usync.core.manifest.KeySlot;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFormatException;
import io.usync.core.manifest.ManifestHeader;
import io.usync.download.DownloadException;
import io.usync.download.ShareCredentials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import javax.crypto.SecretKey;

/**
 * Finds a share's manifest header (the given version, or the newest by probing versions
 * 1, 2, 4, ... and then binary search), recovers the root key for the share's kind and
 * authenticates the sealed descriptor, checking that it names this share and this version.
 */
public final class ShareResolver {

    private final ArticleBytes articles;
    private final String domain;
    private final int maxProbeVersion;
    private final List<String> problems = new ArrayList<>();
    /** Header fetches started, by version (the probe asks for two at once). */
    private final Map<Integer, CompletableFuture<ArticleBytes.Fetched>> asked = new HashMap<>();

    /** Creates a resolver reading headers through {@code articles} under the Message-ID {@code domain}. */
    public ShareResolver(ArticleBytes articles, String domain, int maxProbeVersion) {
        this.articles = articles;
        this.domain = domain;
        this.maxProbeVersion = maxProbeVersion;
    }

    /** Resolves {@code id} with {@code credentials}; faults are one-line {@link DownloadException}s. */
    public ResolvedShare resolve(ShareId id, ShareCredentials credentials, OptionalInt version) {
        ShareLocator locator = id.locator();
        problems.clear();
        asked.clear();
        // Versions 1 and 2 are asked for together (most shares have one version: one round trip
        // decides it), and the share's cipher loads while they are in flight.
        ask(locator, version.orElse(1));
        if (version.isEmpty() && maxProbeVersion >= 2) {
            ask(locator, 2);
        }
        AesGcm.prepare();
        int v;
        if (version.isPresent()) {
            v = version.getAsInt();
            if (header(locator, v).isEmpty()) {
                throw new DownloadException.ShareNotFound("version " + v + " of this share was not found on any "
                        + "read server; check --version and the server profile");
            }
        } else {
            v = newest(locator);
        }
        ManifestHeader header;
        try {
            header = ManifestHeader.decode(header(locator, v).orElseThrow());
        } catch (ManifestFormatException e) {
            throw new DownloadException.TamperedManifest("the share's manifest header is damaged: " + e.getMessage(), e);
        }
        if (header.kind() != id.kind() || header.version() != v) {
            throw new DownloadException.TamperedManifest("the manifest header does not match the share id "
                    + "(swapped or forged); check the id", null);
        }
        RootKey root = rootKey(id, header, credentials);
        ShareCrypto crypto = new ShareCrypto(locator, root, domain);
        if (!(id instanceof ShareId.Public)) {
            root.destroy();
        }
        Optional<byte[]> plain = crypto.manifestCipher().open(header.sealedDescriptor(),
                ManifestAad.descriptor(locator, v));
        if (plain.isEmpty()) {
            throw new DownloadException.TamperedManifest("the manifest descriptor failed authentication "
                    + "(tampered, or the share id is wrong)", null);
        }
        ManifestDescriptor descriptor;
        try {
            descriptor = ManifestDescriptor.decode(plain.get());
        } catch (ManifestFormatException e) {
            throw new DownloadException.TamperedManifest("the manifest descriptor is damaged: " + e.getMessage(), e);
        }
        if (!descriptor.locator().equals(locator) || descriptor.version() != v) {
            throw new DownloadException.TamperedManifest("the manifest descriptor names another share or version "
                    + "(swapped or rolled back)", null);
        }
        return new ResolvedShare(crypto, v, descriptor);
    }

    private int newest(ShareLocator locator) {
        if (header(locator, 1).isEmpty()) {
            throw new DownloadException.ShareNotFound("this share was not found on any read server (expired, "
                    + "not yet propagated, or another server); check the share id and the server profile"
                    + (problems.isEmpty() ? "" : " [" + problems.getFirst() + "]"));
        }
        int present = 1;
        long absent = 2;
        while (absent <= maxProbeVersion && header(locator, (int) absent).isPresent()) {
            present = (int) absent;
            absent *= 2;
        }
        absent = Math.min(absent, (long) maxProbeVersion + 1);
        while (absent - present > 1) {
            int mid = (int) ((present + absent) / 2);
            if (header(locator, mid).isPresent()) {
                present = mid;
            } else {
                absent = mid;
            }
        }
        return present;
    }

    /** The header of {@code version} (fetched once; see {@link #ask}), or empty when no server has it. */
    private Optional<byte[]> header(ShareLocator locator, int version) {
        ArticleBytes.Fetched fetched = ArticleBytes.await(ask(locator, version));
        if (fetched.bytes().isEmpty() && version == 1) {
            problems.add(fetched.problem());
        }
        return fetched.bytes();
    }

    /** Starts fetching the header of {@code version}, once. */
    private CompletableFuture<ArticleBytes.Fetched> ask(ShareLocator locator, int version) {
        return asked.computeIfAbsent(version,
                v -> articles.fetchOutcome(MessageIds.manifestHeader(locator, v, domain)));
    }

    private static RootKey rootKey(ShareId id, ManifestHeader header, ShareCredentials credentials) {
        byte[] aad = ManifestAad.keySlot(id.locator());
        return switch (id) {
            case ShareId.Public p -> p.rootKey();
            case ShareId.Protected p -> {
                if (!(credentials instanceof ShareCredentials.Password password)) {
                    throw new DownloadException.BadInput("this share is protected by a password; "
                            + "pass --password-file FILE", null);
                }
                char[] pw = password.password();
                SecretKey kek;
                try {
                    kek = PasswordKdf.derive(pw, p.kdf());
                } finally {
                    Arrays.fill(pw, '\0');
                }
                for (KeySlot slot : header.keySlots()) {
                    Optional<RootKey> root = RootKeyWrap.unwrap(kek, slot.bytes(), aad);
                    if (root.isPresent()) {
                        yield root.get();
                    }
                }
                throw new DownloadException.WrongKey("the password does not open this share; "
                        + "check the file given with --password-file");
            }
            case ShareId.Private p -> {
                if (!(credentials instanceof ShareCredentials.Identity identity)) {
                    throw new DownloadException.BadInput("this share is private; pass --identity KEYFILE "
                            + "with the private key it was shared with", null);
                }
                for (KeySlot slot : header.keySlots()) {
                    Optional<RootKey> root = RecipientKeys.unwrap(identity.keyPair(), slot.bytes(), aad);
                    if (root.isPresent()) {
                        yield root.get();
                    }
                }
                throw new DownloadException.WrongKey("this share was not shared with the key in the --identity "
                        + "file; ask the sender to add its public key");
            }
        };
    }
}
