package io.usync.segmenter.yenc;

import java.lang.foreign.MemorySegment;

import static io.usync.segmenter.yenc.Swar.HIGH;
import static io.usync.segmenter.yenc.Swar.LONG;

/**
 * The default block step of {@link YencDecoder}: up to {@value #WORDS} eight-byte words at a time
 * in three passes. Two passes look at every word alone (the JIT turns them into AVX2 code) and
 * note its kept bytes, its value minus 42 (and 64 more after an '=' inside the word) and what it
 * leaves for or asks of its neighbours; the third walks the words in order without a
 * data-dependent branch, carrying an '=' or LF in the last byte into the next word, and compacts
 * each word with {@link Long#compress}. One instance per decoder (it owns its scratch arrays).
 */
final class SwarBlockDecoder implements BlockDecoder {

    /** Words per block: small enough that a stop wastes little of the first two passes. */
    static final int WORDS = 128;

    /**
     * Flag bits of a word's summary below its byte-1..7 hazards: what its last byte leaves for the
     * next word, and two lines up, what its first byte cannot take from the previous one.
     */
    private static final long LAST_IS_LF = 1;
    private static final long LAST_IS_EQUALS = 2;
    private static final long FIRST_STARTS_BADLY = LAST_IS_LF << 2;
    private static final long FIRST_IS_SPECIAL = LAST_IS_EQUALS << 2;
    private static final long FIRST_BYTE = 0xFF;

    private final long[] kept = new long[WORDS];
    private final long[] values = new long[WORDS];
    private final long[] summaries = new long[WORDS];

    @Override
    public int blockBytes() {
        return 8;
    }

    @Override
    public boolean usable() {
        return true;
    }

    @Override
    public void decode(MemorySegment in, long n, MemorySegment out, boolean unstuffDots, Progress progress) {
        final long[] keep = kept;
        final long[] value = values;
        final long[] summary = summaries;
        final long dots = unstuffDots ? HIGH : 0;
        final long outEnd = out.byteSize();
        long i = progress.in;
        long o = progress.out;
        long carry = (progress.escape ? LAST_IS_EQUALS : 0) | (progress.lineStart ? LAST_IS_LF : 0);
        while (true) {
            int words = (int) Math.min(WORDS, Math.min((n - i) >> 3, (outEnd - o) >> 3));
            if (words <= 0) {
                break;
            }
            values(in, i, words, keep, value);
            summaries(in, i, words, dots, keep, summary);
            int k = 0;
            for (; k < words; k++) {
                long s = summary[k];
                // Bytes 1..7: an escaped '=', CR or LF, or a line starting with one (or a stuffed
                // dot); byte 0 the same against the previous word's last byte.
                if ((s & (~FIRST_BYTE | carry << 2)) != 0) {
                    break;
                }
                long v = value[k];
                if ((carry & LAST_IS_EQUALS) != 0) {
                    v = ((v | HIGH) - 0x40) ^ (~v & HIGH);
                }
                long m = keep[k];
                out.set(LONG, o, Long.compress(v, m));
                o += Long.bitCount(m) >>> 3;
                carry = s & (LAST_IS_EQUALS | LAST_IS_LF);
            }
            i += 8L * k;
            if (k < words) {
                break;
            }
        }
        progress.in = i;
        progress.out = o;
        progress.escape = (carry & LAST_IS_EQUALS) != 0;
        progress.lineStart = (carry & LAST_IS_LF) != 0;
    }

    /** Each word's kept bytes (0xFF each) and its value minus 42, minus 64 more after an '=' inside it. */
    private static void values(MemorySegment in, long i, int words, long[] keep, long[] value) {
        for (int k = 0; k < words; k++) {
            long x = in.get(LONG, i + 8L * k);
            long low = x & Swar.LOW7;
            long notEq = (low ^ Swar.EQ) + Swar.LOW7;
            long special = ~((notEq & ((low ^ Swar.CR) + Swar.LOW7) & ((low ^ Swar.LF) + Swar.LOW7)) | x) & HIGH;
            long eq = ~(notEq | x) & HIGH;
            long k80 = ~special & HIGH;
            keep[k] = (k80 - (k80 >>> 7)) | k80;
            value[k] = ((x | HIGH) - (Swar.ADD42 | eq << 7)) ^ (~x & HIGH);
        }
    }

    /**
     * Each word's summary: 0x80 in bytes 1..7 that stop the fast path (escaped '=', CR or LF; a
     * line starting with '=', CR, LF or a stuffed dot), and in byte 0 the flag bits for its neighbours.
     */
    private static void summaries(MemorySegment in, long i, int words, long dots, long[] keep, long[] summary) {
        for (int k = 0; k < words; k++) {
            long x = in.get(LONG, i + 8L * k);
            long low = x & Swar.LOW7;
            long special = ~keep[k] & HIGH;
            long eq = ~(((low ^ Swar.EQ) + Swar.LOW7) | x) & HIGH;
            long lf = ~(((low ^ Swar.LF) + Swar.LOW7) | x) & HIGH;
            long lineHazard = special | (~(((low ^ Swar.DOT) + Swar.LOW7) | x) & dots);
            summary[k] = ((eq << 8) & special) | ((lf << 8) & lineHazard)
                    | (lf >>> 63) | (eq >>> 62) | ((lineHazard & 0x80) >>> 5) | ((special & 0x80) >>> 4);
        }
    }
}
