package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import static io.usync.segmenter.yenc.Swar.BYTE;
import static io.usync.segmenter.yenc.Swar.LONG;

/**
 * Fast yEnc 1.3 multi-part encoder writing a whole article body ({@code =ybegin} to {@code =yend})
 * straight into a caller-supplied buffer; stateless and thread-safe. The body goes through the
 * native kernel (libusync-yenc, AVX2) when it is available and allowed, else through the SWAR
 * word loop of {@link #encodeBody}; both write the same bytes. The part's CRC-32 comes from the
 * native kernel's own pass where the CPU has VPCLMULQDQ, else from {@link CRC32}.
 */
public final class YencEncoder {

    private static final int CRLF = '\r' | '\n' << 8;
    private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Escaped anywhere in a line: NUL, LF, CR and '=' (a bit per value; all are below 64). */
    private static final long MIDDLE = 1L | 1L << '\n' | 1L << '\r' | 1L << '=';
    /** Escaped in the last column and as the part's last byte: also TAB and SPACE. */
    private static final long LAST_COLUMN = MIDDLE | 1L << '\t' | 1L << ' ';
    /** Escaped in the first column: also TAB, SPACE and '.'. */
    private static final long FIRST_COLUMN = LAST_COLUMN | 1L << '.';
    /** Input bytes beyond a line's length that a word-loop line needs before the part's last byte (its words may overshoot). */
    private static final int FAST_LINE_SLACK = 24;

    private final int lineLength;
    private final boolean nativeKernel;
    private final boolean nativeCrc;

    /** Creates an encoder with the given line length, native when allowed and available. */
    public YencEncoder(YencEncoderOptions options) {
        this(options, true);
    }

    /**
     * An encoder whose native kernel also folds the part's CRC-32 when {@code nativeCrc} and the
     * CPU allow it (false: the JDK's CRC-32, as on CPUs without VPCLMULQDQ; tests run both).
     */
    YencEncoder(YencEncoderOptions options, boolean nativeCrc) {
        this.lineLength = options.lineLength();
        this.nativeKernel = options.nativeKernel() && NativeYencEncoder.available();
        this.nativeCrc = nativeCrc && nativeKernel && NativeYencEncoder.foldsCrc();
    }

    /**
     * Whether bodies go through the native kernel (allowed by the options, library loaded, CPU has
     * AVX2 and BMI2, not turned off with {@code -Dusync.yenc.native=false}); file mappings never do.
     */
    public boolean nativeKernel() {
        return nativeKernel;
    }

    /**
     * Whether the native kernel also computes each part's CRC-32 in its own pass (CPU has
     * VPCLMULQDQ); false means {@link CRC32} reads the part (the Java path, or an older CPU).
     */
    public boolean nativeCrc() {
        return nativeCrc;
    }

    /** Worst-case bytes {@link #encode} may write for {@code part}: size output buffers from this, not the average. */
    public long maxEncodedSize(YencPart part) {
        return YencHeaderLines.maxEncodedSize(part.length(), lineLength, part.name());
    }

    /**
     * Encodes {@code data} (exactly {@code part.length()} bytes between position and limit, left
     * unchanged) as one article body appended to {@code out}, growing it to the worst case first.
     */
    public YencEncoded encode(YencPart part, ByteBuffer data, ByteBuf out) {
        checkLength(part, data);
        long max = maxEncodedSize(part);
        if (max > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("part of " + part.length() + " bytes is too large for one article");
        }
        out.ensureWritable((int) max);
        if (!(out.unwrap() instanceof CompositeByteBuf) && !(out instanceof CompositeByteBuf)) {
            // A single-component buffer's NIO view shares its memory; a composite one may be a copy.
            ByteBuffer target = out.nioBuffer(out.writerIndex(), out.writableBytes());
            YencEncoded result = encodeInto(part, data, target);
            out.writerIndex(out.writerIndex() + result.encodedBytes());
            return result;
        }
        ByteBuffer scratch = ByteBuffer.allocate((int) max);
        YencEncoded result = encodeInto(part, data, scratch);
        out.writeBytes(scratch.limit(result.encodedBytes()));
        return result;
    }

    /** Encodes {@code data} as one article body into {@code out} from its position, advancing it. */
    public YencEncoded encode(YencPart part, ByteBuffer data, ByteBuffer out) {
        checkLength(part, data);
        if (out.remaining() < maxEncodedSize(part)) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes, worst case needs "
                    + maxEncodedSize(part) + "; size it with maxEncodedSize");
        }
        YencEncoded result = encodeInto(part, data, out.slice());
        out.position(out.position() + result.encodedBytes());
        return result;
    }

    private static void checkLength(YencPart part, ByteBuffer data) {
        if (data.remaining() != part.length()) {
            throw new IllegalArgumentException(
                    "data has " + data.remaining() + " bytes but the part says " + part.length());
        }
    }

    private YencEncoded encodeInto(YencPart part, ByteBuffer data, ByteBuffer target) {
        MemorySegment out = MemorySegment.ofBuffer(target);
        byte[] head = YencHeaderLines.head(part, lineLength);
        MemorySegment.copy(head, 0, out, BYTE, 0, head.length);
        MemorySegment in = MemorySegment.ofBuffer(data);
        // A file mapping stays on the Java path: a truncated mapping faults (SIGBUS) in native code,
        // killing the JVM, where a Java read raises InternalError.
        boolean nativeBody = nativeKernel && !in.isMapped();
        long pos;
        int partCrc;
        if (nativeBody && nativeCrc) {
            // The kernel folds the CRC-32 while each block of input is in L1: no second pass.
            int[] crc = new int[1];
            pos = NativeYencEncoder.encodeBody(in, out, head.length, lineLength, crc);
            partCrc = crc[0];
        } else {
            partCrc = Crc32s.of(data);
            pos = nativeBody
                    ? NativeYencEncoder.encodeBody(in, out, head.length, lineLength)
                    : encodeBody(in, out, head.length, lineLength);
        }
        byte[] tail = YencHeaderLines.tail(part, partCrc);
        MemorySegment.copy(tail, 0, out, BYTE, pos, tail.length);
        return new YencEncoded(partCrc, (int) pos + tail.length);
    }

    /**
     * Encodes all of {@code in} as CRLF-terminated lines into {@code out} from {@code outPos} and
     * returns the position after the last line; an empty input writes nothing. Bytes past the
     * returned position (up to 8) may be overwritten; {@code out} must have room for the worst case.
     * Every line but the part's last few goes through the word loop, which then tests only the
     * column (at least {@code lineLength + FAST_LINE_SLACK} input bytes are left, so no word reaches
     * the part's last byte); the last ones go a byte at a time in {@link #lastLines}. (With a
     * bounds-checked word loop for the part's end in this method as well, as before, data with few
     * escapes (text, zeros) made the JIT drop this method's compiled code on a failed loop
     * speculation and recompile it about every 200 ms, at a third of the speed.)
     */
    static long encodeBody(MemorySegment in, MemorySegment out, long outPos, int lineLength) {
        final long end = in.byteSize();
        // Lines from here on may end at the part's last byte: every bound is checked.
        final long carefulFrom = end - lineLength - FAST_LINE_SLACK;
        long i = 0;
        long o = outPos;
        while (i < carefulFrom) {
            final long lastCol = o + lineLength - 1; // output position of the line's last column
            o += firstColumn(out, o, (in.get(BYTE, i++) + 42) & 0xFF);
            // Middle columns, a word at a time until the last column: a word with no critical byte
            // goes out whole (it may run past the last column: taken back below, its bytes map one
            // to one), otherwise the bytes before the first critical one and its escape pair.
            while (o < lastCol) {
                long y = Swar.add42(in.get(LONG, i));
                long critical = Swar.criticalEncoded(y);
                out.set(LONG, o, y);
                if (critical == 0) {
                    i += 8;
                    o += 8;
                    continue;
                }
                int lane = Swar.firstFlagged(critical);
                if (o + lane >= lastCol - 1) {
                    // The pair would end in or past the last column: lastColumn takes it.
                    i += lane;
                    o += lane;
                    break;
                }
                out.set(SHORT, o + lane, escapePair((int) (y >>> (lane << 3)) & 0xFF));
                i += lane + 1;
                o += lane + 2;
            }
            long over = Math.max(o - lastCol, 0);
            i -= over;
            o -= over;
            o += lastColumn(out, o, lastCol, (in.get(BYTE, i++) + 42) & 0xFF);
        }
        return lastLines(in, out, i, o, lineLength);
    }

    /** Writes the encoded byte {@code c} in a line's first column at {@code o}; returns the bytes written. */
    private static int firstColumn(MemorySegment out, long o, int c) {
        // '.', TAB and SPACE are escaped here as well as the critical bytes.
        int e = escapedIn(FIRST_COLUMN, c);
        out.set(SHORT, o, e == 0 ? (short) c : escapePair(c));
        return 1 + e;
    }

    /**
     * Ends a line at {@code o}, the last column or the one before, with the encoded byte {@code c}
     * and CR LF; returns the bytes written.
     */
    private static int lastColumn(MemorySegment out, long o, long lastCol, int c) {
        if (o == lastCol) {
            // The usual line end: the last column (TAB and SPACE escaped too) and CR LF at once.
            int e = escapedIn(LAST_COLUMN, c);
            out.set(INT, o, e == 0 ? c | CRLF << 8 : escapePair(c) & 0xFFFF | CRLF << 16);
            return 3 + e;
        }
        // A critical byte one column before the last: its escape pair fills the line.
        out.set(INT, o, escapePair(c) & 0xFFFF | CRLF << 16);
        return 4;
    }

    /**
     * The part's last bytes from input {@code i} and output {@code o} at a line start, a byte at a
     * time with every rule checked (at most {@code lineLength + FAST_LINE_SLACK} bytes a part);
     * returns the output position after the last line.
     */
    private static long lastLines(MemorySegment in, MemorySegment out, long i, long o, int lineLength) {
        final long end = in.byteSize();
        long col = 0;
        while (i < end) {
            int c = (in.get(BYTE, i++) + 42) & 0xFF;
            long set = col == 0 ? FIRST_COLUMN : col >= lineLength - 1 || i == end ? LAST_COLUMN : MIDDLE;
            int e = escapedIn(set, c);
            out.set(SHORT, o, e == 0 ? (short) c : escapePair(c));
            o += 1 + e;
            col += 1 + e;
            if (col >= lineLength || i == end) {
                out.set(SHORT, o, (short) CRLF);
                o += 2;
                col = 0;
            }
        }
        return o;
    }

    /** 1 when {@code c} (0..255) is in {@code set} (a bit set of values below 64), else 0. */
    private static int escapedIn(long set, int c) {
        return (int) (set >>> c) & 1 & ((c - 64) >>> 31);
    }

    /** '=' then the escaped byte (c + 64 mod 256), as a little-endian short. */
    private static short escapePair(int c) {
        return (short) ('=' | ((c + 64) & 0xFF) << 8);
    }
}
