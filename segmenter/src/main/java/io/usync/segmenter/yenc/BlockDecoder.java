package io.usync.segmenter.yenc;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An optional many-bytes-at-a-time step of {@link YencDecoder}. A Java step is entered with no
 * escape or line start pending: it decodes whole blocks and stops before a block it cannot take
 * alone (a line starting with '=', CR, LF or, when unstuffing, '.'; an escaped '='), or near either
 * end. A {@link #wholeData() whole-data} step (the native one) takes any data state and runs it to
 * the end of the chunk, a keyword line's {@code =y}, or a full output.
 */
interface BlockDecoder {

    /** The system property that opts into the Vector API decoder (also needs {@code --add-modules jdk.incubator.vector}). */
    String VECTOR_PROPERTY = "usync.yenc.vector";

    /** Where a block step stopped: the next input and output positions and what carries over. */
    final class Progress {
        long in;
        long out;
        boolean escape;
        boolean lineStart;
        boolean lineStartEquals;
        boolean lineStartDot;
        /** Set by a whole-data step that consumed the {@code =y} opening a keyword line. */
        boolean keyword;
        /** A step that {@link #foldsCrc() folds the CRC} has covered the output below this position... */
        long crcEnd;
        /** ...and this is the CRC-32 of those bytes (0 while {@link #crcEnd} is 0). */
        int crc;
        /** The native step's in/out positions, state bits, CRC end and CRC, reused for every chunk of this decoder. */
        final long[] nativeState = new long[5];
        /** {@link #nativeState} as the segment the downcall writes. */
        final MemorySegment nativeStateSegment = MemorySegment.ofArray(nativeState);
    }

    /** How many bytes the step takes at once (the byte path then takes as many past a stop). */
    int blockBytes();

    /**
     * Decodes blocks of {@code in} from {@code progress.in} (below {@code n}) into {@code out} from
     * {@code progress.out}, and records where it stopped in {@code progress}.
     */
    void decode(MemorySegment in, long n, MemorySegment out, boolean unstuffDots, Progress progress);

    /**
     * The Vector API step when {@value #VECTOR_PROPERTY} is {@code true}, the incubator module was
     * added and the CPU has 256-bit vectors; otherwise none, without loading any Vector API class.
     */
    static Optional<BlockDecoder> optIn() {
        if (!Boolean.getBoolean(VECTOR_PROPERTY)
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName("io.usync.segmenter.yenc.VectorBlockDecoder");
            return Optional.of((BlockDecoder) type.getDeclaredConstructor().newInstance())
                    .filter(BlockDecoder::usable);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether this step runs at full speed on this CPU. */
    boolean usable();

    /** Whether this step takes any data state and runs the whole data state machine (see the type's Javadoc). */
    default boolean wholeData() {
        return false;
    }

    /** Whether this step also keeps {@link Progress#crc} of the output it and the steps before it wrote. */
    default boolean foldsCrc() {
        return false;
    }

    /**
     * The step {@link YencDecoder} uses by default: the native one when libusync-yenc is available
     * (and not turned off with {@code -Dusync.yenc.native=false}), else the opt-in Vector API one,
     * else none (the SWAR word path runs).
     */
    static Optional<BlockDecoder> preferred() {
        Optional<BlockDecoder> fast = NativeBlockDecoder.ifAvailable();
        return fast.isPresent() ? fast : optIn();
    }

    /**
     * Every step this JVM can run, by name ("native"; "native-java-crc", the native step with the CRC
     * left to Java, when "native" folds it; "native-avx2", the native step's AVX2 loop, when "native"
     * runs its AVX-512 one; "vector"; "swar" is the empty one), for tests and benchmarks.
     */
    static Map<String, Optional<BlockDecoder>> available() {
        Map<String, Optional<BlockDecoder>> all = new LinkedHashMap<>();
        NativeBlockDecoder.ifAvailable().ifPresent(step -> all.put("native", Optional.of(step)));
        NativeBlockDecoder.withJavaCrcIfDifferent().ifPresent(step -> all.put("native-java-crc", Optional.of(step)));
        NativeBlockDecoder.avx2IfDifferent().ifPresent(step -> all.put("native-avx2", Optional.of(step)));
        optIn().ifPresent(step -> all.put("vector", Optional.of(step)));
        all.put("swar", Optional.empty());
        return all;
    }
}
