package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenSSL's AES-GCM against the JDK's: each opens what the other sealed, byte for byte, and both reject the same tampering. */
class OpenSslGcmTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] aad = "share 1 blob 2 segment 3".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void needsOpenSsl() {
        // CI runs on Debian, where libssl3 is always installed; elsewhere AesGcm keeps the JDK's.
        assumeTrue(OpenSslGcm.available(), "no libcrypto.so.3 on this machine");
    }

    /** Seeded cases: sizes around AES's 16-byte blocks and OpenSSL's wide loops, heap or direct, each key. */
    static Stream<Integer> seeds() {
        return IntStream.range(0, 40).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void opensWhatTheJdkSealedAndTheJdkOpensWhatItSealed(int seed) {
        Random rnd = new Random(seed);
        SecretKeySpec key = new SecretKeySpec(bytes(rnd, 32), "AES");
        AesGcm jdk = new AesGcm(key, random, false, false);
        AesGcm openSsl = new AesGcm(key, random, false, true);
        assertThat(openSsl.usesOpenSsl()).isTrue();
        assertThat(jdk.usesOpenSsl()).isFalse();
        int size = seed < 20 ? seed * 17 % 100 : rnd.nextInt(800_000);
        byte[] plain = bytes(rnd, size);
        byte[] aadHere = Arrays.copyOf(aad, rnd.nextInt(aad.length + 1));
        System.out.println("OpenSslGcmTest seed=" + seed + " size=" + size);

        for (AesGcm[] pair : new AesGcm[][] {{jdk, openSsl}, {openSsl, jdk}, {openSsl, openSsl}}) {
            ByteBuffer sealed = buffer(rnd.nextBoolean(), AesGcm.sealedSize(size));
            assertThat(pair[0].seal(ByteBuffer.wrap(plain), sealed, aadHere)).isEqualTo(AesGcm.sealedSize(size));
            assertThat(sealed.hasRemaining()).isFalse();
            ByteBuffer out = buffer(rnd.nextBoolean(), size + 5).position(5);

            assertThat(pair[1].open(sealed.flip(), out, aadHere)).isEqualTo(new OpenResult.Opened(size));
            assertThat(sealed.hasRemaining()).isFalse();
            assertThat(out.position()).isEqualTo(size + 5);
            assertThat(bytes(out.flip().position(5))).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void opensInPlaceWithThePlaintextAfterTheNonce(boolean direct) {
        SecretKeySpec key = new SecretKeySpec(bytes(new Random(1), 32), "AES");
        AesGcm jdk = new AesGcm(key, random, true, false);
        AesGcm jdkStraight = new AesGcm(key, random, false, false);
        AesGcm openSsl = new AesGcm(key, random, true, true);
        byte[] plain = bytes(new Random(2), 716_801);
        for (AesGcm gcm : new AesGcm[] {jdk, jdkStraight, openSsl}) {
            ByteBuffer sealed = buffer(direct, 3 + AesGcm.sealedSize(plain.length)).position(3);
            jdk.seal(ByteBuffer.wrap(plain), sealed, aad);
            sealed.flip().position(3);

            assertThat(gcm.openInPlace(sealed, aad)).isEqualTo(new OpenResult.Opened(plain.length));
            assertThat(bytes(sealed.duplicate().limit(3 + AesGcm.NONCE_LENGTH + plain.length)
                    .position(3 + AesGcm.NONCE_LENGTH))).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 40, 716_827})
    void rejectsAFlippedBitAndZeroesWhatItWrote(int flipAt) {
        SecretKeySpec key = new SecretKeySpec(bytes(new Random(3), 32), "AES");
        AesGcm openSsl = new AesGcm(key, random, false, true);
        byte[] sealed = openSsl.seal(bytes(new Random(4), 716_800), aad);
        sealed[flipAt] ^= 0x20;
        ByteBuffer out = ByteBuffer.allocateDirect(716_810).position(10);

        assertThat(openSsl.open(ByteBuffer.wrap(sealed), out, aad)).isInstanceOf(OpenResult.Rejected.class);
        assertThat(new AesGcm(key, random, false, false).open(ByteBuffer.wrap(sealed), ByteBuffer.allocate(716_800), aad))
                .isInstanceOf(OpenResult.Rejected.class);
        assertThat(out.position()).isEqualTo(10);
        assertThat(bytes(out.limit(716_810))).containsOnly((byte) 0);
    }

    @Test
    void rejectsOtherAssociatedDataAndAnotherKey() {
        Random rnd = new Random(5);
        SecretKeySpec key = new SecretKeySpec(bytes(rnd, 32), "AES");
        AesGcm openSsl = new AesGcm(key, random, false, true);
        byte[] sealed = openSsl.seal(bytes(rnd, 1000), aad);

        assertThat(openSsl.open(sealed, "share 1 blob 2 segment 4".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(new AesGcm(new SecretKeySpec(bytes(rnd, 32), "AES"), random, false, true).open(sealed, aad)).isEmpty();
        assertThat(openSsl.open(sealed, aad)).isPresent();
    }

    @Test
    void refusesBuffersShiftedAgainstEachOther() {
        AesGcm openSsl = new AesGcm(new SecretKeySpec(new byte[32], "AES"), random, false, true);
        ByteBuffer block = ByteBuffer.allocateDirect(2000);
        ByteBuffer plain = block.slice(0, 1000);

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> openSsl.seal(plain, block.slice(5, AesGcm.sealedSize(1000)), aad));
    }

    @Test
    void aShorterKeyStaysWithTheJdk() {
        assertThat(new AesGcm(new SecretKeySpec(new byte[16], "AES"), random, false, true).usesOpenSsl()).isFalse();
    }

    @Test
    void theWarmUpSealsAndOpensAnEmptyMessage() {
        assertThat(OpenSslGcm.warmUp()).isTrue();
    }

    private static ByteBuffer buffer(boolean direct, int size) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    private static byte[] bytes(Random rnd, int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }
}
