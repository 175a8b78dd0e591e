package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.MessageId;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HeaderObfuscatorTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private final SecretKeySpec key = new SecretKeySpec(new byte[] {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
        14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}, "HmacSHA256");

    @Test
    void theSubjectIsTheHmacOfTheIdUnderTheSubjectKeySpelledInBase32Letters() throws Exception {
        MessageId id = new MessageId("<abcdefghijklmnopqrstuvwxyz234567@news.invalid>");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update((byte) 1);
        byte[] a = mac.doFinal(id.value().getBytes(StandardCharsets.US_ASCII));

        String subject = new HeaderObfuscator(key).names(id).subject();

        assertThat(subject).hasSize(20 + (a[31] & 0x0f));
        for (int i = 0; i < subject.length(); i++) {
            assertThat(subject.charAt(i)).isEqualTo(ALPHABET.charAt(a[i % a.length] & 0x1f));
        }
    }

    @Test
    void aRepostGetsTheSameHeadersAndAnotherArticleOthers() {
        HeaderObfuscator obfuscator = new HeaderObfuscator(key);
        MessageId one = new MessageId("<one@news.invalid>");
        HeaderObfuscator.ObfuscatedNames first = obfuscator.names(one);
        HeaderObfuscator.ObfuscatedNames other = obfuscator.names(new MessageId("<two@news.invalid>"));

        assertThat(new HeaderObfuscator(key).names(one)).isEqualTo(first);
        assertThat(obfuscator.names(one)).isEqualTo(first);
        assertThat(other.subject()).isNotEqualTo(first.subject());
        assertThat(other.from()).isNotEqualTo(first.from());
        assertThat(other.yencName()).isNotEqualTo(first.yencName());
        assertThat(first.from()).matches("[a-z2-7]{6,13} <[a-z2-7]{6,13}@[a-z2-7]{5,12}\\.[a-z]{2,4}>");
    }
}
