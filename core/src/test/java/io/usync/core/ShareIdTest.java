package io.usync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.RootKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShareIdTest {

    private final SecureRandom random = new SecureRandom();
    private final ShareLocator locator = ShareLocator.random(random);

    @Test
    void publicIdRoundTripsAndCarriesTheKey() {
        RootKey key = RootKey.generate(random);
        ShareId id = new ShareId.Public(locator, key);
        String text = id.asText();
        assertThat(text).startsWith("usync1-").matches("usync1-[a-z2-7]+");
        ShareId back = ShareId.parse(text);
        assertThat(back).isInstanceOf(ShareId.Public.class);
        assertThat(back.locator()).isEqualTo(locator);
        assertThat(((ShareId.Public) back).rootKey()).isEqualTo(key);
        assertThat(back.kind()).isEqualTo(ShareKind.PUBLIC);
    }

    @Test
    void protectedIdRoundTripsWithItsKdfParameters() {
        KdfParameters kdf = KdfParameters.defaults(random);
        ShareId back = ShareId.parse(new ShareId.Protected(locator, kdf).asText());
        assertThat(back).isEqualTo(new ShareId.Protected(locator, kdf));
    }

    @Test
    void privateIdRoundTripsAndIsShort() {
        String text = new ShareId.Private(locator).asText();
        assertThat(text.length()).isLessThan(45);
        assertThat(ShareId.parse(text)).isEqualTo(new ShareId.Private(locator));
    }

    @Test
    void acceptsSurroundingWhitespaceAndCapitals() {
        String text = new ShareId.Private(locator).asText();
        assertThat(ShareId.parse("  " + text.toUpperCase(Locale.ROOT) + "\n")).isEqualTo(new ShareId.Private(locator));
    }

    @Test
    void toStringNeverShowsThePublicKeyOrTheId() {
        ShareId id = new ShareId.Public(locator, RootKey.generate(random));
        assertThat(id.toString()).doesNotContain(id.asText().substring(7)).contains("hidden");
        assertThat(id.toString()).doesNotContain(Base32.encode(((ShareId.Public) id).rootKey().bytes()));
    }

    @Test
    void catchesASingleMistypedCharacterByChecksum() {
        String text = new ShareId.Public(locator, RootKey.generate(random)).asText();
        int pos = 20;
        char replacement = text.charAt(pos) == 'a' ? 'b' : 'a';
        String typo = text.substring(0, pos) + replacement + text.substring(pos + 1);
        assertThatThrownBy(() -> ShareId.parse(typo))
                .isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void refusesAWrongPrefix() {
        assertThatThrownBy(() -> ShareId.parse("usync2-abcdef")).isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("usync1-");
        assertThatThrownBy(() -> ShareId.parse(null)).isInstanceOf(InvalidShareIdException.class);
    }

    @Test
    void refusesATruncatedId() {
        String text = new ShareId.Public(locator, RootKey.generate(random)).asText();
        assertThatThrownBy(() -> ShareId.parse(text.substring(0, text.length() - 8)))
                .isInstanceOf(InvalidShareIdException.class);
        assertThatThrownBy(() -> ShareId.parse("usync1-mzxw6ytb")).isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void refusesCharactersOutsideBase32() {
        assertThatThrownBy(() -> ShareId.parse("usync1-abc1defg")).isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void refusesAnUnknownKindEvenWithAValidChecksum() {
        byte[] body = new byte[1 + 16];
        body[0] = 9;
        assertThatThrownBy(() -> ShareId.parse(withChecksum(body))).isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("unknown kind");
    }

    @Test
    void refusesAKindWhosePayloadHasTheWrongLength() {
        byte[] body = new byte[1 + 16 + 5];
        body[0] = (byte) ShareKind.PRIVATE.code();
        assertThatThrownBy(() -> ShareId.parse(withChecksum(body))).isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("wrong length");
    }

    @Test
    void refusesKdfParametersAboveTheCapsBeforeComputing() {
        ByteBuffer b = ByteBuffer.allocate(1 + 16 + KdfParameters.ENCODED_LENGTH);
        b.put((byte) ShareKind.PROTECTED.code()).put(new byte[16]).put(new byte[16])
                .putInt(4 * 1024 * 1024).put((byte) 3).put((byte) 1);
        assertThatThrownBy(() -> ShareId.parse(withChecksum(b.array())))
                .isInstanceOf(InvalidShareIdException.class)
                .hasMessageContaining("memory");
        ByteBuffer c = ByteBuffer.allocate(1 + 16 + KdfParameters.ENCODED_LENGTH);
        c.put((byte) ShareKind.PROTECTED.code()).put(new byte[16]).put(new byte[16])
                .putInt(65536).put((byte) 200).put((byte) 1);
        assertThatThrownBy(() -> ShareId.parse(withChecksum(c.array())))
                .hasMessageContaining("iterations");
        ByteBuffer d = ByteBuffer.allocate(1 + 16 + KdfParameters.ENCODED_LENGTH);
        d.put((byte) ShareKind.PROTECTED.code()).put(new byte[16]).put(new byte[16])
                .putInt(65536).put((byte) 3).put((byte) 64);
        assertThatThrownBy(() -> ShareId.parse(withChecksum(d.array())))
                .hasMessageContaining("parallelism");
    }

    @Test
    void everyErrorMessageIsOneLine() {
        for (String bad : new String[] {"", "usync1-", "usync1-zzzz", "x", "usync1-" + "a".repeat(90)}) {
            assertThatThrownBy(() -> ShareId.parse(bad)).isInstanceOf(InvalidShareIdException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private static String withChecksum(byte[] body) throws Exception {
        byte[] sum = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 4);
        byte[] all = ByteBuffer.allocate(body.length + 4).put(body).put(sum).array();
        return "usync1-" + Base32.encode(all);
    }
}
