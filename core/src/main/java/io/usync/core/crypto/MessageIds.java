package io.usync.core.crypto;

import io.usync.core.Base32;
import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * Derives Message-IDs {@code <base32(HMAC-SHA256(key, parts))@domain>} so that a retry posts the
 * same id and a downloader can compute every id: segments and manifest pages under the share's
 * Message-ID key, manifest headers under a key derived from the locator alone.
 */
public final class MessageIds {

    /** Characters of base32 kept from the HMAC (160 bits). */
    public static final int LOCAL_PART_LENGTH = 32;
    /**
     * The domain every usync article's Message-ID ends in unless configured otherwise; uploader and
     * downloader must agree on it (it is not carried in the share id), so both default to this.
     */
    public static final String DEFAULT_DOMAIN = "news.invalid";

    /** Longest domain accepted, which keeps every id far below the 250-octet limit. */
    public static final int MAX_DOMAIN_LENGTH = 64;

    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final byte TAG_SEGMENT = 1;
    private static final byte TAG_MANIFEST_PAGE = 2;
    private static final byte TAG_MANIFEST_HEADER = 3;
    private static final byte[] HEADER_SALT =
            "usync/v1/manifest-header-id".getBytes(StandardCharsets.US_ASCII);

    private final HmacSha256 mac;
    private final String domain;

    private MessageIds(SecretKey key, String domain) {
        this.domain = checkDomain(domain);
        this.mac = HmacSha256.of(key);
    }

    /** Id derivation for a share's segments and manifest pages (not thread-safe; one per thread). */
    public static MessageIds forShare(ShareKeys keys, String domain) {
        return new MessageIds(keys.messageId(), domain);
    }

    /** The id of a segment's article; {@code attempt} is 0 unless a server refused an id for good. */
    public MessageId segment(int originVersion, BlobKind kind, int blobIndex, int segmentIndex, int attempt) {
        if (originVersion < 1 || blobIndex < 0 || segmentIndex < 0 || attempt < 0) {
            throw new IllegalArgumentException("bad segment coordinates v" + originVersion + " blob "
                    + blobIndex + " segment " + segmentIndex + " attempt " + attempt);
        }
        ByteBuffer parts = ByteBuffer.allocate(18)
                .put(TAG_SEGMENT)
                .putInt(originVersion)
                .put((byte) kind.ordinal())
                .putInt(blobIndex)
                .putInt(segmentIndex)
                .putInt(attempt);
        return id(parts);
    }

    /** The id of page {@code page} (0-based) of manifest version {@code version}. */
    public MessageId manifestPage(int version, int page) {
        if (version < 1 || page < 0) {
            throw new IllegalArgumentException("bad manifest page v" + version + " page " + page);
        }
        return id(ByteBuffer.allocate(9).put(TAG_MANIFEST_PAGE).putInt(version).putInt(page));
    }

    /** The id of manifest version {@code version}'s header, computable from the locator alone. */
    public static MessageId manifestHeader(ShareLocator locator, int version, String domain) {
        if (version < 1) {
            throw new IllegalArgumentException("bad manifest version " + version);
        }
        SecretKey key = Hkdf.derive(locator.bytes(), HEADER_SALT, "usync/v1/header-id", "HmacSHA256", 32);
        return new MessageIds(key, domain).id(ByteBuffer.allocate(5).put(TAG_MANIFEST_HEADER).putInt(version));
    }

    private MessageId id(ByteBuffer parts) {
        parts.flip();
        byte[] digest = mac.update(parts).doFinal();
        String local = Base32.encode(digest).substring(0, LOCAL_PART_LENGTH);
        return new MessageId("<" + local + "@" + domain + ">");
    }

    private static String checkDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > MAX_DOMAIN_LENGTH
                || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("Message-ID domain must be lowercase letters, digits, '-' and '.', "
                    + "at most " + MAX_DOMAIN_LENGTH + " characters");
        }
        return domain;
    }
}
