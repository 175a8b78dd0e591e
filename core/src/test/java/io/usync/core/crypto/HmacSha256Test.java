package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc4231() {
        byte[] key25 = new byte[25];
        for (int i = 0; i < key25.length; i++) {
            key25[i] = (byte) (i + 1);
        }
        return Stream.of(
                Arguments.of(repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of(ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of(repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of(key25, repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of(repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of(repeat(0xaa, 131), ascii("This is a test using a larger than block-size key and a "
                                + "larger than block-size data. The key needs to be hashed before being used by "
                                + "the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest
    @MethodSource("rfc4231")
    void matchesRfc4231(byte[] key, byte[] data, String mac) {
        assertThat(HEX.formatHex(new HmacSha256(key).update(data).doFinal())).isEqualTo(mac);
    }

    /** Seeded: keys of 1-200 bytes (around the 64-byte block), messages fed in pieces, the key reused. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithTheJdksMacForRandomKeysAndMessages(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] key = bytes(random, 1 + random.nextInt(200));
        HmacSha256 ours = new HmacSha256(key);
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        for (int message = 0; message < 3; message++) {
            byte[] data = bytes(random, random.nextInt(300));
            int cut = data.length == 0 ? 0 : random.nextInt(data.length);
            ours.update(ByteBuffer.wrap(data, 0, cut)).update(Arrays.copyOfRange(data, cut, data.length));
            assertThat(ours.doFinal()).as("key %d bytes, message %d bytes", key.length, data.length)
                    .isEqualTo(jdk.doFinal(data));
        }
    }

    @Test
    void anEmptyKeyIsPaddedWithZerosLikeAnyShortKey() {
        byte[] data = ascii("usync");
        assertThat(new HmacSha256(new byte[0]).update(data).doFinal())
                .isEqualTo(new HmacSha256(new byte[32]).update(data).doFinal());
    }

    @Test
    void aSecretKeyMacsLikeItsBytesAndAnOpaqueKeyIsRefused() {
        byte[] data = ascii("usync");
        byte[] key = repeat(0x42, 32);
        assertThat(HmacSha256.of(new SecretKeySpec(key, "HmacSHA256")).update(data).doFinal())
                .isEqualTo(new HmacSha256(key).update(data).doFinal());
        SecretKey opaque = new SecretKey() {
            @Override
            public String getAlgorithm() {
                return "HmacSHA256";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
        assertThatThrownBy(() -> HmacSha256.of(opaque)).isInstanceOf(IllegalArgumentException.class);
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] repeat(int value, int count) {
        byte[] b = new byte[count];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
