package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.Base32;
import io.usync.core.InvalidShareIdException;
import io.usync.core.KdfParametersException;
import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.crypto.KdfParameters;
import io.usync.segmenter.compress.CompressorOptions;
import io.usync.segmenter.compress.Decompression;
import io.usync.segmenter.compress.SegmentCompressor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Declared sizes in hostile data are refused before anything is allocated or computed: a zstd
 * frame declaring a 2 TiB window or content, and a password share id declaring Argon2id parameters
 * over the caps (a 2 TiB memory cost would never finish: finishing at all within the timeout
 * proves nothing was computed).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileCodecInputIT {

    private static final SegmentCompressor DECOMPRESSOR = new SegmentCompressor(CompressorOptions.defaults());

    /** A zstd frame header (RFC 8878 3.1.1) with an 8-byte content size and a window descriptor, then one raw block. */
    private static ByteBuffer frame(int windowDescriptor, long contentSize, boolean singleSegment) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xFD2FB528);
        b.put((byte) (0xC0 | (singleSegment ? 0x20 : 0)));
        if (!singleSegment) {
            b.put((byte) windowDescriptor);
        }
        b.putLong(contentSize);
        b.put((byte) 0x21).put((byte) 0).put((byte) 0);
        b.put("hostile".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.flip();
    }

    @Test
    void aZstdFrameDeclaringATwoTebibyteWindowIsRefusedBeforeAllocating() {
        Decompression result = DECOMPRESSOR.decompress(frame(31 << 3, 4, false));
        assertThat(result).isInstanceOf(Decompression.Refused.class);
        assertThat(((Decompression.Refused) result).reason()).contains("window");
    }

    @Test
    void aZstdFrameDeclaringHugeContentIsRefusedBeforeAllocating() {
        Decompression result = DECOMPRESSOR.decompress(frame(0, 1L << 41, true));
        assertThat(result).isInstanceOf(Decompression.Refused.class);
        assertThat(((Decompression.Refused) result).reason()).contains("bytes");
    }

    @Test
    void aZstdFrameWithoutContentSizeIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xFD2FB528).put((byte) 0x00).put((byte) (31 << 3)).put((byte) 1).put((byte) 0).put((byte) 0);
        assertThat(DECOMPRESSOR.decompress(b.flip())).isInstanceOf(Decompression.Refused.class);
    }

    /** The text of a protected share id carrying these raw KDF parameters (checksum valid). */
    static String protectedShareId(int memoryKib, int iterations, int parallelism) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1 + 16 + 22 + 4);
        b.put((byte) ShareKind.PROTECTED.code()).put(new byte[16]);
        b.put(new byte[16]).putInt(memoryKib).put((byte) iterations).put((byte) parallelism);
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(b.array(), b.position()));
        b.put(sum, 0, 4);
        return ShareId.PREFIX + Base32.encode(b.array());
    }

    @Test
    void aPasswordShareIdDeclaringHugeKdfParametersIsRefusedBeforeDeriving() throws Exception {
        for (int[] p : new int[][] {{Integer.MAX_VALUE, 3, 1}, {65_536, 255, 1}, {65_536, 3, 255}, {-1, 3, 1}}) {
            String id = protectedShareId(p[0], p[1], p[2]);
            assertThatThrownBy(() -> ShareId.parse(id)).as("memory %d KiB, t=%d, p=%d", p[0], p[1], p[2])
                    .isInstanceOf(InvalidShareIdException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(ShareId.parse(protectedShareId(65_536, 3, 1))).isInstanceOf(ShareId.Protected.class);
    }

    @Test
    void kdfParametersOverTheCapsCannotBeBuilt() {
        assertThatThrownBy(() -> KdfParameters.of(new byte[16], KdfParameters.MAX_MEMORY_KIB + 1, 3, 1))
                .isInstanceOf(KdfParametersException.class);
        assertThatThrownBy(() -> KdfParameters.of(new byte[16], 65_536, KdfParameters.MAX_ITERATIONS + 1, 1))
                .isInstanceOf(KdfParametersException.class);
    }
}
