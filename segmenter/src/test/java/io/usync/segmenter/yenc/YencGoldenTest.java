package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-checked articles: each byte's encoding was worked out from the 1.3 rules and the CRCs with zlib. */
class YencGoldenTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static String encode(YencPart part, byte[] data, int lineLength) {
        YencEncoder encoder = new YencEncoder(new YencEncoderOptions(lineLength));
        ByteBuf out = Unpooled.buffer();
        encoder.encode(part, ByteBuffer.wrap(data), out);
        String fast = out.toString(StandardCharsets.ISO_8859_1);
        String reference = new String(new ReferenceYencEncoder(new YencEncoderOptions(lineLength)).encode(part, data),
                StandardCharsets.ISO_8859_1);
        assertThat(fast).isEqualTo(reference);
        return fast;
    }

    @Test
    void escapesNulLfCrAndEqualsAnywhereButNotAMidLineDotOrSpace() {
        byte[] data = bytes(0xD6, 0xE0, 0xE3, 0x13, 0x04, 0xF6, 0x41);
        String article = encode(YencPart.of("g.bin", 1, 1, 7, 0, 7).withFileCrc32(0x2ad7281c), data, 128);
        assertThat(article).isEqualTo("=ybegin part=1 total=1 line=128 size=7 name=g.bin\r\n"
                + "=ypart begin=1 end=7\r\n"
                + "=@=J=M=}. k\r\n"
                + "=yend size=7 part=1 pcrc32=2ad7281c crc32=2ad7281c\r\n");
    }

    @Test
    void escapesALeadingDotAndATrailingSpaceOfThePart() {
        byte[] data = bytes(0x04, 0x41, 0xF6);
        String article = encode(YencPart.of("d", 2, 3, 10, 4, 3), data, 128);
        assertThat(article).isEqualTo("=ybegin part=2 total=3 line=128 size=10 name=d\r\n"
                + "=ypart begin=5 end=7\r\n"
                + "=nk=`\r\n"
                + "=yend size=3 part=2 pcrc32=45f458a3\r\n");
    }

    @Test
    void escapesASpaceInTheLastColumnMakingTheLineOneLonger() {
        byte[] data = new byte[17];
        java.util.Arrays.fill(data, (byte) 0x17);
        data[15] = (byte) 0xF6;
        String article = encode(YencPart.of("w", 1, 1, 17, 0, 17), data, 16);
        assertThat(article).isEqualTo("=ybegin part=1 total=1 line=16 size=17 name=w\r\n"
                + "=ypart begin=1 end=17\r\n"
                + "AAAAAAAAAAAAAAA=`\r\n"
                + "A\r\n"
                + "=yend size=17 part=1 pcrc32=0f82eee5\r\n");
    }

    @Test
    void encodesAnEmptyPartWithoutABlankLine() {
        String article = encode(new YencPart("e", 1, 1, 0, 0, 0, OptionalInt.of(0)), new byte[0], 128);
        assertThat(article).isEqualTo("=ybegin part=1 total=1 line=128 size=0 name=e\r\n"
                + "=ypart begin=1 end=0\r\n"
                + "=yend size=0 part=1 pcrc32=00000000 crc32=00000000\r\n");
    }

    @Test
    void encodesIntoACompositeBufferAsIntoAPlainOne() {
        byte[] data = bytes(0xD6, 0xE0, 0xE3, 0x13, 0x04, 0xF6, 0x41);
        YencPart part = YencPart.of("g.bin", 1, 1, 7, 0, 7);
        io.netty.buffer.CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponent(true, Unpooled.copiedBuffer("X", StandardCharsets.US_ASCII));
        new YencEncoder(YencEncoderOptions.defaults()).encode(part, ByteBuffer.wrap(data), composite);
        assertThat(composite.toString(StandardCharsets.ISO_8859_1)).isEqualTo("X" + encode(part, data, 128));
        composite.release();
    }

    @Test
    void decodesTheGoldenArticle() {
        String article = "=ybegin part=1 total=1 line=128 size=7 name=g.bin\r\n"
                + "=ypart begin=1 end=7\r\n"
                + "=@=J=M=}. k\r\n"
                + "=yend size=7 part=1 pcrc32=2ad7281c crc32=2ad7281c\r\n";
        ByteBuffer dest = ByteBuffer.allocate(16);
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), YencExpectation.none(), dest);
        decoder.feed(ByteBuffer.wrap(article.getBytes(StandardCharsets.ISO_8859_1)));
        YencResult result = decoder.finish();
        assertThat(result).isEqualTo(new YencResult.Decoded("g.bin", 1, 1, 7, 1, 7, 7, 0x2ad7281c, OptionalInt.of(0x2ad7281c)));
        assertThat(dest.flip()).isEqualTo(ByteBuffer.wrap(bytes(0xD6, 0xE0, 0xE3, 0x13, 0x04, 0xF6, 0x41)));
    }

    @Test
    void decodesASinglePartArticleFromAnotherEncoder() {
        // Single-part form (no part=, no =ypart), crc32 on =yend, an escaped ordinary character
        // ("=n" is '.', never required mid-line) and a header line with extra spaces in the name.
        String article = "=ybegin line=128 size=3 name=my file.bin\r\n"
                + "k=nk\r\n"
                + "=yend size=3 crc32=" + YencHeaderLines.hex(crcOf(bytes(0x41, 0x04, 0x41))) + "\r\n";
        ByteBuffer dest = ByteBuffer.allocate(3);
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), YencExpectation.none(), dest);
        decoder.feed(ByteBuffer.wrap(article.getBytes(StandardCharsets.ISO_8859_1)));
        YencResult result = decoder.finish();
        assertThat(result).isInstanceOf(YencResult.Decoded.class);
        YencResult.Decoded decoded = (YencResult.Decoded) result;
        assertThat(decoded.name()).isEqualTo("my file.bin");
        assertThat(decoded.range()).isEqualTo(new io.usync.core.ByteRange(0, 3));
        assertThat(dest.flip()).isEqualTo(ByteBuffer.wrap(bytes(0x41, 0x04, 0x41)));
    }

    static int crcOf(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }
}
