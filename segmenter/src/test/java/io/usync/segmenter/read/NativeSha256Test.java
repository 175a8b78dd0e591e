package io.usync.segmenter.read;

import io.usync.segmenter.yenc.NativeRequired;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libusync-yenc's SHA-256 (the SHA-extensions form where the CPU has it, and the portable C form)
 * against FIPS 180-4 example vectors and the JDK's {@link MessageDigest} on seeded random inputs of
 * many lengths, split at random chunk edges across byte arrays, single bytes, heap and direct
 * buffers, and reused after {@code digest()} and {@code reset()}. Skipped with the loader's reason
 * when the library is absent (failed instead under {@code CI=true}).
 */
class NativeSha256Test {

    @BeforeAll
    static void requireLibrary() {
        NativeRequired.check(NativeSha256.loaded(), "native SHA-256", "usync_sha256_blocks");
    }

    /** Both forms where this CPU has the SHA extensions, else the portable one only. */
    static Stream<Boolean> forms() {
        return NativeSha256.shaExtensions() ? Stream.of(true, false) : Stream.of(false);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest(name = "SHA extensions {0}")
    @MethodSource("forms")
    void fipsExampleMessagesHashToTheirPublishedDigests(boolean shaExtensions) {
        MessageDigest sha = new NativeSha256(shaExtensions);
        assertThat(hex(sha.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(sha.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(sha.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertThat(hex(sha.digest(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @ParameterizedTest(name = "SHA extensions {0}")
    @MethodSource("forms")
    void everyLengthUpToFiveBlocksMatchesTheJdkInOneUpdate(boolean shaExtensions) {
        Random random = new Random(0x5AA5L);
        MessageDigest sha = new NativeSha256(shaExtensions);
        MessageDigest jdk = Sha256.jdkDigest();
        for (int length = 0; length <= 320; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(sha.digest(data)).as("length %d", length).isEqualTo(jdk.digest(data));
        }
    }

    static Stream<Object[]> seedsAndForms() {
        List<Object[]> cases = new ArrayList<>();
        forms().forEach(form -> {
            for (long i = 0; i < 6; i++) {
                cases.add(new Object[] {0x5A25_0000L + i * 7_907L, form});
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, SHA extensions {1}")
    @MethodSource("seedsAndForms")
    void randomInputsSplitAtRandomEdgesMatchTheJdk(long seed, boolean shaExtensions) {
        System.out.println("NativeSha256Test seed=" + seed + " shaExtensions=" + shaExtensions);
        Random random = new Random(seed);
        MessageDigest sha = new NativeSha256(shaExtensions);
        MessageDigest jdk = Sha256.jdkDigest();
        for (int round = 0; round < 12; round++) {
            int length = switch (round % 3) {
                case 0 -> random.nextInt(200);
                case 1 -> random.nextInt(20_000);
                default -> random.nextInt(1_500_000);
            };
            byte[] data = new byte[length];
            random.nextBytes(data);
            int at = 0;
            while (at < length) {
                int chunk = Math.min(length - at, random.nextInt(4) == 0 ? random.nextInt(70) : random.nextInt(300_000));
                switch (random.nextInt(5)) {
                    case 0 -> {
                        byte[] padded = new byte[chunk + 11];
                        System.arraycopy(data, at, padded, 5, chunk);
                        sha.update(padded, 5, chunk);
                    }
                    case 1 -> sha.update(ByteBuffer.wrap(data, at, chunk));
                    case 2 -> sha.update(ByteBuffer.allocateDirect(chunk + 3).position(3).put(data, at, chunk).position(3));
                    case 3 -> {
                        for (int k = 0; k < Math.min(chunk, 9); k++) {
                            sha.update(data[at + k]);
                        }
                        chunk = Math.min(chunk, 9);
                    }
                    default -> sha.update(data, at, chunk);
                }
                at += chunk;
            }
            assertThat(sha.digest()).as("round %d length %d", round, length).isEqualTo(jdk.digest(data));
        }
    }

    @Test
    void aBufferUpdateConsumesItAndResetStartsOver() {
        MessageDigest sha = new NativeSha256(NativeSha256.shaExtensions());
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        sha.update(new byte[77]);
        sha.reset();
        sha.update(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(sha.digest()).isEqualTo(Sha256.jdkDigest().digest(data));
    }

    @Test
    void newDigestsAreNativeWhereTheCpuHasTheShaExtensions() {
        assertThat(Sha256.newDigest() instanceof NativeSha256).isEqualTo(NativeSha256.shaExtensions());
        assertThat(Sha256.newDigest().getAlgorithm()).isEqualTo("SHA-256");
    }
}
