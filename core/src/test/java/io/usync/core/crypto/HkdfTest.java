package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc5869() {
        return Stream.of(
                Arguments.of("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
                        "f0f1f2f3f4f5f6f7f8f9", 42,
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                Arguments.of(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82,
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
                Arguments.of("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @ParameterizedTest
    @MethodSource("rfc5869")
    void matchesRfc5869(String ikm, String salt, String info, int length, String okm) {
        assertThat(HEX.formatHex(Hkdf.derive(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), length)))
                .isEqualTo(okm);
    }

    /** Seeded: random inputs and lengths of 1 to 300 bytes against the JDK's HKDF. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithTheJdksKdf(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] ikm = bytes(random, 1 + random.nextInt(80));
        byte[] salt = bytes(random, 1 + random.nextInt(100));
        byte[] info = bytes(random, random.nextInt(60));
        int length = 1 + random.nextInt(300);
        byte[] jdk = KDF.getInstance("HKDF-SHA256").deriveData(
                HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt).thenExpand(info, length));
        assertThat(Hkdf.derive(ikm, salt, info, length)).isEqualTo(jdk);
    }

    static IntStream seeds() {
        return IntStream.range(0, 30);
    }

    @Test
    void aLabelIsItsAsciiBytesAndTheKeyNamesItsAlgorithm() {
        byte[] ikm = HEX.parseHex(range(1, 32));
        byte[] salt = HEX.parseHex("0102");
        var key = Hkdf.derive(ikm, salt, "usync/v1/data", "AES", 32);
        assertThat(key.getAlgorithm()).isEqualTo("AES");
        assertThat(key.getEncoded()).isEqualTo(Hkdf.derive(ikm, salt, "usync/v1/data".getBytes(), 32));
    }

    @Test
    void refusesLengthsOutsideWhatRfc5869Allows() {
        assertThatThrownBy(() -> Hkdf.derive(new byte[32], new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.derive(new byte[32], new byte[0], new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Hkdf.derive(new byte[32], new byte[0], new byte[0], 255 * 32)).hasSize(255 * 32);
    }

    private static String range(int first, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format("%02x", (first + i) & 0xff));
        }
        return s.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
