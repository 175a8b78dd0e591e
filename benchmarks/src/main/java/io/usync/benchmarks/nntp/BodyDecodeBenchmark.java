package io.usync.benchmarks.nntp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.usync.nntp.codec.NntpCodecOptions;
import io.usync.nntp.codec.NntpFraming;
import io.usync.nntp.codec.NntpReplyParser;
import io.usync.nntp.codec.NntpResponseSink;
import io.usync.segmenter.yenc.NativeLfDot;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reply decoding of one 740 KB BODY response (status line, 128-character yEnc-like lines, the
 * terminating dot line), fed to the parser in socket-read-sized pieces; the sink only sums the
 * content lengths, searching for line-leading dots in Java or in libusync-yenc. Throughput in
 * bytes: ops/s x 740 KB. Run with {@code -prof gc} to see
 * {@code gc.alloc.rate.norm} (expected 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class BodyDecodeBenchmark {

    /** Size of one socket read handed to the parser. */
    @Param({"65536", "1048576"})
    public int readSize;

    /** Whether one line in sixteen starts with a (stuffed) dot; usync's own yEnc has none. */
    @Param({"false", "true"})
    public boolean dots;

    /** The search for line-leading dots: the codec's Java one, or libusync-yenc's (AVX2) as downloads use it. */
    @Param({"java", "native"})
    public String scanner;

    private ByteBuf wire;
    private NntpReplyParser parser;
    private CountingSink sink;

    /** Counts content bytes; ranges are not copied. */
    static final class CountingSink implements NntpResponseSink {
        long content;
        int ends;

        @Override
        public void onStatus(int code, boolean multiLine, ByteBuf buf, int textIndex, int textLength) {
            content += code;
        }

        @Override
        public void onContent(ByteBuf buf, int index, int length) {
            content += length;
        }

        @Override
        public void onContentEnd() {
            ends++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        wire = PooledByteBufAllocator.DEFAULT.directBuffer(800_000);
        wire.writeCharSequence("222 0 <bench@usync.test>\r\n", StandardCharsets.US_ASCII);
        Random random = new Random(42);
        int target = 740 * 1024;
        int written = 0;
        while (written < target) {
            int len = Math.min(128, target - written);
            boolean dotLine = dots && random.nextInt(16) == 0;
            if (dotLine) {
                wire.writeByte('.');
                wire.writeByte('.');
                len--;
            }
            for (int i = 0; i < len; i++) {
                int b;
                do {
                    b = random.nextInt(256);
                } while (b == 0 || b == '\r' || b == '\n' || (i == 0 && b == '.'));
                wire.writeByte(b);
            }
            wire.writeByte('\r').writeByte('\n');
            written += len + (dotLine ? 1 : 0);
        }
        wire.writeCharSequence(".\r\n", StandardCharsets.US_ASCII);
        NntpFraming bodyFraming = new NntpFraming() {
            @Override
            public boolean isMultiLine(int code) {
                return code == 222;
            }

            @Override
            public void onReplyComplete(int code) {
            }
        };
        NntpCodecOptions options = new NntpCodecOptions(4096, 1 << 20);
        if (scanner.equals("native")) {
            if (!NativeLfDot.available()) {
                throw new IllegalStateException("libusync-yenc's usync_find_lf_dot is unavailable");
            }
            options = options.withLfDotScanner(NativeLfDot::indexOfLfDot);
        }
        parser = new NntpReplyParser(options, bodyFraming);
        sink = new CountingSink();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
    }

    /** Decodes one whole BODY response, read by read; a unit split by a read waits for the next. */
    @Benchmark
    public void decodeBody(Blackhole bh) {
        bh.consume(decodeOnce());
    }

    /** Decodes the response once and returns the running content count. */
    public long decodeOnce() {
        ByteBuf in = wire;
        int total = in.writerIndex();
        int r = 0;
        int end = Math.min(total, readSize);
        while (r < total) {
            in.setIndex(r, end);
            parser.parse(in, sink);
            int next = in.readerIndex();
            if (next == r && end == total) {
                throw new IllegalStateException("parser made no progress at " + r);
            }
            end = Math.min(total, (next == end ? next : end) + readSize);
            r = next;
        }
        in.setIndex(0, total);
        return sink.content;
    }

    /** The size of one decoded response in bytes (for MB/s). */
    public int responseBytes() {
        return wire.writerIndex();
    }
}
