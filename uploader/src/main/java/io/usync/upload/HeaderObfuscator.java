package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/**
 * Random-looking, per-article Subject, From and yEnc name for share modes, derived with
 * HMAC-SHA256 under the share's subject key from the article's Message-ID: a re-post of the same
 * id gets the same headers, and two articles of a share share no header value. Not thread-safe.
 */
final class HeaderObfuscator {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final String[] TLDS = {"com", "net", "org", "de", "nl", "eu", "io", "info"};

    private final HmacSha256 mac;

    /** Creates an obfuscator under the share's subject key. */
    HeaderObfuscator(SecretKey subjectKey) {
        this.mac = HmacSha256.of(subjectKey);
    }

    /** The obfuscated headers and yEnc name for the article {@code id}. */
    ObfuscatedNames names(MessageId id) {
        byte[] a = digest((byte) 1, id);
        byte[] b = digest((byte) 2, id);
        String subject = text(a, 0, 20 + (a[31] & 0x0f));
        String local = text(b, 0, 6 + (b[31] & 0x07));
        String domain = text(b, 14, 5 + (b[30] & 0x07));
        String from = local + " <" + local + "@" + domain + "." + TLDS[(b[29] & 0xff) % TLDS.length] + ">";
        String name = text(a, 16, 12 + (a[30] & 0x07));
        return new ObfuscatedNames(subject, from, name);
    }

    private byte[] digest(byte tag, MessageId id) {
        return mac.update(tag).update(id.value().getBytes(StandardCharsets.US_ASCII)).doFinal();
    }

    /** Base32-like lowercase text of {@code length} characters from {@code bytes} starting at {@code from}. */
    private static String text(byte[] bytes, int from, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET[bytes[(from + i) % bytes.length] & 0x1f]);
        }
        return s.toString();
    }

    /** The header values of one obfuscated article. */
    record ObfuscatedNames(String subject, String from, String yencName) {
    }
}
