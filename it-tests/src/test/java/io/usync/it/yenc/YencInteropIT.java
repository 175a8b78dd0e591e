package io.usync.it.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.usync.segmenter.yenc.Crc32s;
import io.usync.segmenter.yenc.YencDecoder;
import io.usync.segmenter.yenc.YencDecoderOptions;
import io.usync.segmenter.yenc.YencEncoded;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencPart;
import io.usync.segmenter.yenc.YencResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Our yEnc against independent implementations from Debian: SABnzbd's sabyenc and uudeview/uuenview. */
class YencInteropIT {

    /** Inputs that encode to NUL, LF, CR, '=', TAB, SPACE and '.'. */
    private static final byte[] SPECIAL = {(byte) 0xD6, (byte) 0xE0, (byte) 0xE3, 0x13, (byte) 0xDF, (byte) 0xF6, 0x04};

    private static final String SABYENC_DECODE = """
            import sys, sabyenc3
            data, name, crc_ok = sabyenc3.decode_usenet_chunks([open(sys.argv[1], 'rb').read()])
            open(sys.argv[2], 'wb').write(data)
            print(name)
            print('crc-ok' if crc_ok else 'crc-bad')
            """;

    private static final String SABYENC_ENCODE = """
            import sys, zlib, sabyenc3
            data = open(sys.argv[1], 'rb').read()
            body, crc = sabyenc3.encode(data)
            head = b'=ybegin part=1 total=1 line=128 size=%d name=sab.bin\\r\\n=ypart begin=1 end=%d\\r\\n' % (len(data), len(data))
            tail = b'\\r\\n=yend size=%d part=1 pcrc32=%08x\\r\\n' % (len(data), crc)
            open(sys.argv[2], 'wb').write(head + body + tail)
            """;

    static byte[] data(long seed, int size) {
        Random random = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = seed % 2 == 0 ? (byte) random.nextInt(256) : SPECIAL[random.nextInt(SPECIAL.length)];
        }
        return b;
    }

    private static byte[] encode(YencPart part, byte[] data) {
        ByteBuf out = Unpooled.buffer();
        try {
            new YencEncoder(YencEncoderOptions.defaults()).encode(part, ByteBuffer.wrap(data), out);
            byte[] article = new byte[out.readableBytes()];
            out.readBytes(article);
            return article;
        } finally {
            out.release();
        }
    }

    private static YencResult decode(byte[] article, ByteBuffer dest) {
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), YencExpectation.none(), dest);
        for (int i = 0; i < article.length; i += 4096) {
            decoder.feed(ByteBuffer.wrap(article, i, Math.min(4096, article.length - i)));
        }
        return decoder.finish();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7})
    void sabyencDecodesOurArticlesToIdenticalBytes(long seed, @TempDir Path dir) throws IOException {
        String python = ExternalTools.pythonWithSabyenc();
        int[] sizes = {1, 127, 128, 129, 255, 4096, 100_000, 716_800};
        byte[] data = data(seed, sizes[(int) seed]);
        System.out.println("YencInteropIT seed=" + seed + " size=" + data.length);
        Files.write(dir.resolve("article"), encode(YencPart.of("ours.bin", 1, 1, data.length, 0, data.length), data));
        ExternalTools.Outcome outcome = ExternalTools.run(List.of(python, "-c", SABYENC_DECODE,
                dir.resolve("article").toString(), dir.resolve("out").toString()), null);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("ours.bin").contains("crc-ok");
        assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(data);
    }

    @Test
    void uudeviewJoinsOurMultipartArticlesIntoTheOriginalFile(@TempDir Path dir) throws IOException {
        String uudeview = ExternalTools.uuTool("uudeview");
        byte[] file = data(11, 250_000);
        int partSize = 100_000;
        int total = (file.length + partSize - 1) / partSize;
        int fileCrc = 0;
        ByteArrayOutputStream articles = new ByteArrayOutputStream();
        for (int p = 0; p < total; p++) {
            int offset = p * partSize;
            int length = Math.min(partSize, file.length - offset);
            byte[] slice = java.util.Arrays.copyOfRange(file, offset, offset + length);
            YencPart part = YencPart.of("joined.bin", p + 1, total, file.length, offset, length);
            YencEncoded probe = new YencEncoder(YencEncoderOptions.defaults())
                    .encode(part, ByteBuffer.wrap(slice), Unpooled.buffer());
            fileCrc = p == 0 ? probe.partCrc32() : Crc32s.combine(fileCrc, probe.partCrc32(), length);
            if (p == total - 1) {
                part = part.withFileCrc32(fileCrc);
            }
            String headers = "From: tester <t@example.invalid>\r\nNewsgroups: alt.binaries.test\r\n"
                    + "Subject: \"joined.bin\" yEnc (" + (p + 1) + "/" + total + ")\r\n"
                    + "Message-ID: <part" + (p + 1) + "@example.invalid>\r\n\r\n";
            articles.writeBytes(headers.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            articles.writeBytes(encode(part, slice));
            articles.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path input = dir.resolve("articles.txt");
        Files.write(input, articles.toByteArray());
        Path out = Files.createDirectories(dir.resolve("out"));
        ExternalTools.Outcome outcome = ExternalTools.run(
                List.of(uudeview, "-i", "-o", "-q", "-p", out.toString(), input.toString()), dir);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(Files.readAllBytes(out.resolve("joined.bin"))).isEqualTo(file);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20, 21, 22, 23})
    void weDecodeArticlesEncodedBySabyenc(long seed, @TempDir Path dir) throws IOException {
        String python = ExternalTools.pythonWithSabyenc();
        byte[] data = data(seed, 1000 + (int) seed * 50_000);
        Files.write(dir.resolve("in"), data);
        ExternalTools.Outcome outcome = ExternalTools.run(List.of(python, "-c", SABYENC_ENCODE,
                dir.resolve("in").toString(), dir.resolve("article").toString()), null);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        ByteBuffer dest = ByteBuffer.allocate(data.length);
        YencResult result = decode(Files.readAllBytes(dir.resolve("article")), dest);
        assertThat(result).isInstanceOf(YencResult.Decoded.class);
        assertThat(((YencResult.Decoded) result).name()).isEqualTo("sab.bin");
        assertThat(dest.array()).isEqualTo(data);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {30, 31, 32})
    void weDecodeArticlesEncodedByUuenview(long seed, @TempDir Path dir) throws IOException {
        String uuenview = ExternalTools.uuTool("uuenview");
        byte[] data = data(seed, 3000 + (int) seed * 1000);
        Files.write(dir.resolve("uu.bin"), data);
        ExternalTools.Outcome outcome = ExternalTools.run(List.of(uuenview, "-y", "-o", "uu.bin"), dir);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        List<Path> produced = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith("uu.0")).sorted().forEach(produced::add);
        }
        assertThat(produced).hasSize(1);
        ByteBuffer dest = ByteBuffer.allocate(data.length);
        YencResult result = decode(Files.readAllBytes(produced.get(0)), dest);
        assertThat(result).isInstanceOf(YencResult.Decoded.class);
        assertThat(((YencResult.Decoded) result).name()).isEqualTo("uu.bin");
        assertThat(dest.array()).isEqualTo(data);
    }
}
