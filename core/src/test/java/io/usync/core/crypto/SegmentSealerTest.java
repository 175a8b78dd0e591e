package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentSealerTest {

    private final SecureRandom random = new SecureRandom();
    private final ShareLocator locator = ShareLocator.random(random);
    private final ShareKeys keys = ShareKeys.derive(RootKey.generate(random));
    private final SegmentSealer sealer = new SegmentSealer(keys, random);
    private final SegmentAad aad = new SegmentAad(locator, BlobKind.FILE, 4, 2, false);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsHeapAndDirectBuffers(boolean direct) {
        long seed = System.nanoTime();
        System.out.println("SegmentSealerTest seed " + seed);
        byte[] data = new byte[new Random(seed).nextInt(100_000) + 1];
        new Random(seed).nextBytes(data);
        ByteBuffer plain = alloc(direct, data.length).put(data).flip();
        ByteBuffer sealed = alloc(direct, SegmentSealer.sealedSize(data.length));
        int n = sealer.seal(aad, plain, sealed);
        assertThat(n).isEqualTo(data.length + 28);
        sealed.flip();
        ByteBuffer out = alloc(direct, data.length);
        assertThat(sealer.open(aad, sealed, out)).isEqualTo(new OpenResult.Opened(data.length));
        byte[] back = new byte[data.length];
        out.flip().get(back);
        assertThat(back).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 65535, 65536, 65537, 131072, 716800})
    void roundTripsSizesAroundTheChunkBoundaries(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] sealed = seal(data);
        assertThat(sealed).hasSize(size + 28);
        ByteBuffer out = ByteBuffer.allocate(size);
        assertThat(sealer.open(aad, ByteBuffer.wrap(sealed), out)).isEqualTo(new OpenResult.Opened(size));
        assertThat(out.array()).isEqualTo(data);
    }

    @Test
    void usesAFreshNonceForEverySeal() {
        byte[] a = seal(new byte[64]);
        byte[] b = seal(new byte[64]);
        assertThat(ByteBuffer.wrap(a, 0, 12)).isNotEqualTo(ByteBuffer.wrap(b, 0, 12));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rejectsAFlippedBitAnywhere() {
        byte[] sealed = seal(new byte[200]);
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] copy = sealed.clone();
            copy[i] ^= 0x01;
            assertThat(open(aad, copy)).isInstanceOf(OpenResult.Rejected.class);
        }
    }

    @Test
    void rejectsTruncation() {
        byte[] sealed = seal(new byte[200]);
        assertThat(open(aad, java.util.Arrays.copyOf(sealed, sealed.length - 1))).isInstanceOf(OpenResult.Rejected.class);
        assertThat(open(aad, java.util.Arrays.copyOf(sealed, 20))).isInstanceOf(OpenResult.Rejected.class);
        assertThat(open(aad, new byte[0])).isInstanceOf(OpenResult.Rejected.class);
    }

    @Test
    void rejectsASegmentMovedToAnotherPlace() {
        byte[] sealed = seal(new byte[100]);
        assertThat(open(new SegmentAad(locator, BlobKind.FILE, 4, 3, false), sealed)).isInstanceOf(OpenResult.Rejected.class);
        assertThat(open(new SegmentAad(locator, BlobKind.FILE, 5, 2, false), sealed)).isInstanceOf(OpenResult.Rejected.class);
        assertThat(open(new SegmentAad(locator, BlobKind.PACK, 4, 2, false), sealed)).isInstanceOf(OpenResult.Rejected.class);
        assertThat(open(new SegmentAad(locator, BlobKind.FILE, 4, 2, true), sealed)).isInstanceOf(OpenResult.Rejected.class);
        ShareLocator other = ShareLocator.random(random);
        assertThat(open(new SegmentAad(other, BlobKind.FILE, 4, 2, false), sealed)).isInstanceOf(OpenResult.Rejected.class);
    }

    @Test
    void rejectsAnotherSharesKey() {
        byte[] sealed = seal(new byte[100]);
        SegmentSealer stranger = new SegmentSealer(ShareKeys.derive(RootKey.generate(random)), random);
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(stranger.open(aad, ByteBuffer.wrap(sealed), out)).isInstanceOf(OpenResult.Rejected.class);
    }

    @Test
    void aadFromAPlannedSegmentBindsItsLastFlag() {
        Segment last = new Segment(BlobKind.FILE, 4, 2, 3, new ByteRange(0, 10));
        assertThat(SegmentAad.of(locator, last)).isEqualTo(new SegmentAad(locator, BlobKind.FILE, 4, 2, true));
    }

    private byte[] seal(byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(SegmentSealer.sealedSize(data.length));
        sealer.seal(aad, ByteBuffer.wrap(data), out);
        return out.array();
    }

    private OpenResult open(SegmentAad a, byte[] sealed) {
        return sealer.open(a, ByteBuffer.wrap(sealed), ByteBuffer.allocate(Math.max(0, sealed.length - 28)));
    }

    private static ByteBuffer alloc(boolean direct, int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }
}
