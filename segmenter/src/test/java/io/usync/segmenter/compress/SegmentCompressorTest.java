package io.usync.segmenter.compress;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentCompressorTest {

    private final SegmentCompressor compressor = new SegmentCompressor(CompressorOptions.defaults());

    @Test
    void compressesTextAndRestoresItExactly() {
        byte[] text = "the same words again and again ".repeat(2000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Compression c = compressor.compress(ByteBuffer.wrap(text));
        assertThat(c).isInstanceOf(Compression.Compressed.class);
        ByteBuffer frame = ((Compression.Compressed) c).frame();
        assertThat(frame.remaining()).isLessThan(text.length / 10);
        Decompression d = compressor.decompress(frame);
        assertThat(d).isInstanceOf(Decompression.Decompressed.class);
        assertThat(((Decompression.Decompressed) d).data()).isEqualTo(ByteBuffer.wrap(text));
    }

    @Test
    void storesRandomDataThatDoesNotCompressEnough() {
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);
        assertThat(compressor.compress(ByteBuffer.allocateDirect(noise.length).put(noise).flip()))
                .isInstanceOf(Compression.Stored.class);
        assertThat(compressor.compress(ByteBuffer.allocate(0))).isInstanceOf(Compression.Stored.class);
    }

    @Test
    void refusesFramesDeclaringMoreThanTheBoundBeforeDecompressing() {
        byte[] zeros = new byte[20 * 1024 * 1024];
        byte[] bomb = Zstd.compress(zeros, 3);
        Decompression d = compressor.decompress(ByteBuffer.wrap(bomb));
        assertThat(d).isInstanceOf(Decompression.Refused.class);
        assertThat(((Decompression.Refused) d).reason()).contains("more than the limit");
    }

    @Test
    void refusesGarbageAndCorruptFramesAsValues() {
        assertThat(compressor.decompress(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7})))
                .isInstanceOf(Decompression.Refused.class);
        byte[] frame = Zstd.compress("hello hello hello hello hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 3);
        for (int i = 6; i < frame.length; i++) {
            byte[] bad = frame.clone();
            bad[i] ^= 0x55;
            Decompression d = compressor.decompress(ByteBuffer.wrap(bad));
            assertThat(d).isInstanceOfAny(Decompression.Refused.class, Decompression.Decompressed.class);
        }
    }

    @Test
    void parsesWindowAndContentSizeFromAFrameHeader() {
        // magic, descriptor 0x00 (no FCS, not single segment), window descriptor 0x58: 2^(10+11) + 0
        byte[] header = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x58};
        ZstdFrameHeader h = ZstdFrameHeader.parse(ByteBuffer.wrap(header)).orElseThrow();
        assertThat(h.windowSize()).isEqualTo(1L << 21);
        assertThat(h.contentSize()).isEmpty();
        assertThat(compressor.decompress(ByteBuffer.wrap(header))).isInstanceOf(Decompression.Refused.class);
    }
}
