package io.usync.benchmarks.segmenter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.usync.segmenter.yenc.ReferenceYencDecoder;
import io.usync.segmenter.yenc.ReferenceYencEncoder;
import io.usync.segmenter.yenc.YencDecoder;
import io.usync.segmenter.yenc.YencDecoderOptions;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencPart;
import io.usync.segmenter.yenc.YencResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * yEnc throughput on one thread over one 700 KiB article of random data: the score is articles per
 * second; multiply by 0.7168 for MB/s of raw data (both directions are quoted in raw bytes).
 * {@code encodeFast} and {@code decodeFast} run the native kernels when libusync-yenc is available,
 * {@code encodeJava} and {@code decodeJava} the Java paths. The
 * opt-in Vector API decoder: add {@code -jvmArgsAppend "--add-modules jdk.incubator.vector
 * -Dusync.yenc.vector=true"}. On a loaded shared machine prefer {@link YencCpuThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class YencBenchmark {

    static final int ARTICLE = 716_800;

    private final YencEncoder encoder = new YencEncoder(YencEncoderOptions.defaults());
    private final YencEncoder javaEncoder = new YencEncoder(YencEncoderOptions.defaults().withNativeKernel(false));
    private final ReferenceYencEncoder reference = new ReferenceYencEncoder(YencEncoderOptions.defaults());
    private final ReferenceYencDecoder referenceDecoder = new ReferenceYencDecoder();
    private YencPart part;
    private byte[] raw;
    private ByteBuffer input;
    private ByteBuf out;
    private byte[] article;
    private ByteBuffer articleBuffer;
    private ByteBuffer decoded;

    /** Random data, a direct input buffer (like a mapped slice), a pooled direct output buffer, and one encoded article. */
    @Setup(Level.Trial)
    public void setUp() {
        raw = new byte[ARTICLE];
        new Random(42).nextBytes(raw);
        input = ByteBuffer.allocateDirect(ARTICLE).put(raw).flip();
        part = YencPart.of("bench.bin", 1, 10, 10L * ARTICLE, 0, ARTICLE);
        out = PooledByteBufAllocator.DEFAULT.directBuffer((int) encoder.maxEncodedSize(part));
        article = reference.encode(part, raw);
        articleBuffer = ByteBuffer.allocateDirect(article.length).put(article).flip();
        decoded = ByteBuffer.allocateDirect(ARTICLE);
    }

    /** Releases the output buffer. */
    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    /** Fast encoder (the native kernel when libusync-yenc is available), direct input into a pooled direct ByteBuf. */
    @Benchmark
    public int encodeFast() {
        out.clear();
        return encoder.encode(part, input.duplicate(), out).encodedBytes();
    }

    /** The same with the native kernel off: the Java SWAR encoder. */
    @Benchmark
    public int encodeJava() {
        out.clear();
        return javaEncoder.encode(part, input.duplicate(), out).encodedBytes();
    }

    /** Reference (byte-at-a-time) encoder. */
    @Benchmark
    public int encodeReference() {
        return reference.encode(part, raw).length;
    }

    /** Streaming decoder fed the article in 64 KiB chunks, as from a socket: the native kernel when available. */
    @Benchmark
    public YencResult decodeFast() {
        return decodeStreaming(YencDecoderOptions.defaults());
    }

    /** The same with the native kernel off: the Java paths (SWAR, or the opt-in Vector API step). */
    @Benchmark
    public YencResult decodeJava() {
        return decodeStreaming(YencDecoderOptions.defaults().withNativeKernel(false));
    }

    private YencResult decodeStreaming(YencDecoderOptions options) {
        decoded.clear();
        YencDecoder decoder = new YencDecoder(options, YencExpectation.none(), decoded);
        ByteBuffer all = articleBuffer.duplicate();
        while (all.hasRemaining()) {
            int n = Math.min(65_536, all.remaining());
            decoder.feed(all.slice(all.position(), n));
            all.position(all.position() + n);
        }
        return decoder.finish();
    }

    /** Reference decoder over the whole article in memory. */
    @Benchmark
    public YencResult decodeReference() {
        return referenceDecoder.decode(article, YencExpectation.none()).result();
    }
}
