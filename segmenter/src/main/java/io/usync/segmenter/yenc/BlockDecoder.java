package io.usync.segmenter.yenc;

import java.lang.foreign.MemorySegment;

/**
 * An optional many-bytes-at-a-time step of {@link YencDecoder}, entered with no escape or line
 * start pending: it decodes whole blocks and stops before a block it cannot take alone (a line
 * starting with '=', CR, LF or, when unstuffing, '.'; an escaped '='), or near either end.
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
    static java.util.Optional<BlockDecoder> optIn() {
        if (!Boolean.getBoolean(VECTOR_PROPERTY)
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            Class<?> type = Class.forName("io.usync.segmenter.yenc.VectorBlockDecoder");
            return java.util.Optional.of((BlockDecoder) type.getDeclaredConstructor().newInstance())
                    .filter(BlockDecoder::usable);
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether this step runs at full speed on this CPU. */
    boolean usable();
}
