package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmTest {

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    /** The JDK's AES-GCM, opening direct buffers through its heap arrays, as under the launcher's compile-threshold lines. */
    private final AesGcm gcm = new AesGcm(key, random, true, false);
    private final byte[] aad = "segment 7".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 4096, 716_800})
    void opensDirectBuffersSlicedFromOneBlockWithTheOutputAfterTheInput(int size) {
        byte[] data = randomBytes(size, size);
        int sealedSize = AesGcm.sealedSize(size);
        ByteBuffer block = ByteBuffer.allocateDirect(sealedSize + size);
        ByteBuffer sealed = block.slice(0, sealedSize);
        gcm.seal(ByteBuffer.wrap(data), sealed, aad);
        sealed.flip();
        ByteBuffer out = block.slice(sealedSize, size);

        assertThat(gcm.open(sealed, out, aad)).isEqualTo(new OpenResult.Opened(size));
        assertThat(sealed.hasRemaining()).isFalse();
        assertThat(out.position()).isEqualTo(size);
        assertThat(bytes(out.flip())).isEqualTo(data);
    }

    @Test
    void opensMessagesOfGrowingAndShrinkingSizesFromDirectBuffersIntoAHeapOne() {
        for (int size : new int[] {100, 300_000, 17, 716_800, 5}) {
            byte[] data = randomBytes(size, size);
            ByteBuffer sealed = direct(gcm.seal(data, aad));
            ByteBuffer out = ByteBuffer.allocate(size + 3).position(3);

            assertThat(gcm.open(sealed, out, aad)).isEqualTo(new OpenResult.Opened(size));
            assertThat(java.util.Arrays.copyOfRange(out.array(), 3, size + 3)).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rejectsATamperedDirectMessageAndLeavesTheOutputPosition(boolean flipInTag) {
        byte[] sealedBytes = gcm.seal(randomBytes(2, 50_000), aad);
        sealedBytes[flipInTag ? sealedBytes.length - 1 : 40] ^= 1;
        ByteBuffer out = ByteBuffer.allocateDirect(50_010).position(10);

        assertThat(gcm.open(direct(sealedBytes), out, aad)).isInstanceOf(OpenResult.Rejected.class);
        assertThat(out.position()).isEqualTo(10);
    }

    @Test
    void rejectsOtherAssociatedDataFromDirectBuffers() {
        byte[] sealedBytes = gcm.seal(randomBytes(3, 1000), aad);
        ByteBuffer out = ByteBuffer.allocateDirect(1000);

        assertThat(gcm.open(direct(sealedBytes), out, "segment 8".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(OpenResult.Rejected.class);
        assertThat(gcm.open(direct(sealedBytes), out, aad)).isEqualTo(new OpenResult.Opened(1000));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4096, 716_800})
    void opensTheSameThroughHeapArraysAsStraightOnTheDirectBuffers(int size) {
        AesGcm straight = new AesGcm(key, random, false, false);
        byte[] data = randomBytes(size + 7, size);
        byte[] sealedBytes = gcm.seal(data, aad);
        ByteBuffer viaHeap = ByteBuffer.allocateDirect(size);
        ByteBuffer viaDirect = ByteBuffer.allocateDirect(size);

        assertThat(gcm.open(direct(sealedBytes), viaHeap, aad)).isEqualTo(new OpenResult.Opened(size));
        assertThat(straight.open(direct(sealedBytes), viaDirect, aad)).isEqualTo(new OpenResult.Opened(size));
        assertThat(bytes(viaHeap.flip())).isEqualTo(data).isEqualTo(bytes(viaDirect.flip()));
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }
}
