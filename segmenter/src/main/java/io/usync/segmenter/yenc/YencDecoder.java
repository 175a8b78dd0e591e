package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.usync.segmenter.yenc.Swar.BYTE;
import static io.usync.segmenter.yenc.Swar.LONG;

/**
 * Streaming yEnc decoder for one article: fed body chunks as they come off the network (escapes,
 * line starts and keyword lines may straddle chunks), it decodes into a caller-supplied
 * destination and {@link #finish() finishes} with a {@link YencResult}; bad data is a result, never
 * an exception. One instance per article; not thread-safe.
 */
public final class YencDecoder {

    private enum State { HEADER, DATA, KEYWORD, DONE }

    /** The block step, chosen once: native when available, else the opt-in Vector API one, else none (SWAR). */
    private static final Optional<BlockDecoder> BLOCKS = BlockDecoder.preferred();
    /** The block step when the options turn the native kernel off: the opt-in Vector API one or none. */
    private static final Optional<BlockDecoder> JAVA_BLOCKS = BlockDecoder.optIn();

    private final YencDecoderOptions options;
    private final YencExpectation expectation;
    private final ByteBuffer destination;
    private final MemorySegment dest;
    private final long capacity;
    private final byte[] line;
    private final BlockDecoder blocks;
    private final BlockDecoder whole;
    private final BlockDecoder.Progress progress;

    private State state = State.HEADER;
    private int lineLength;
    private boolean lineStart;
    private boolean escape;
    private boolean lineStartEquals;
    private boolean lineStartDot;
    private long decoded;
    private YencKeywordLine begin;
    private YencKeywordLine part;
    private YencKeywordLine end;
    private boolean finished;

    /**
     * Creates a decoder writing into {@code destination} from its position up to its limit; after
     * {@link #finish()} its position is advanced past the decoded bytes.
     */
    public YencDecoder(YencDecoderOptions options, YencExpectation expectation, ByteBuffer destination) {
        this(options, expectation, destination, options.nativeKernel() ? BLOCKS : JAVA_BLOCKS);
    }

    /** Creates a decoder with the given block step (none: the SWAR path), so tests can run every step. */
    YencDecoder(YencDecoderOptions options, YencExpectation expectation, ByteBuffer destination,
                Optional<BlockDecoder> step) {
        this.options = options;
        this.expectation = expectation;
        this.destination = destination;
        this.dest = MemorySegment.ofBuffer(destination);
        this.capacity = dest.byteSize();
        this.line = new byte[options.maxKeywordLineLength()];
        this.whole = step.filter(BlockDecoder::wholeData).orElse(null);
        this.blocks = whole == null ? step.orElse(null) : null;
        this.progress = step.isEmpty() ? null : new BlockDecoder.Progress();
    }

    /** Whether this JVM decodes with the opt-in Vector API block step (see {@link BlockDecoder#VECTOR_PROPERTY}). */
    public static boolean vectorBlocks() {
        return BLOCKS.isPresent() && !BLOCKS.get().wholeData();
    }

    /** Whether this JVM decodes with the native kernel (libusync-yenc; off with {@code -Dusync.yenc.native=false}). */
    public static boolean nativeKernel() {
        return BLOCKS.isPresent() && BLOCKS.get().wholeData();
    }

    /** Whether the native kernel also folds each part's CRC-32 as it decodes (CPUs with VPCLMULQDQ); else Java computes it. */
    public static boolean nativeCrc() {
        return nativeKernel() && BLOCKS.get().foldsCrc();
    }

    /** Feeds the next chunk of the (dot-unstuffed) article body; reads all of its readable bytes. */
    public void feed(ByteBuf chunk) {
        if (chunk.nioBufferCount() == 1) {
            feed(chunk.nioBuffer());
        } else {
            for (ByteBuffer b : chunk.nioBuffers()) {
                feed(b);
            }
        }
        chunk.skipBytes(chunk.readableBytes());
    }

    /** Feeds the next chunk of the article body from position to limit, consuming it. */
    public void feed(ByteBuffer chunk) {
        if (finished) {
            throw new IllegalStateException("decoder already finished");
        }
        MemorySegment in = MemorySegment.ofBuffer(chunk);
        long n = in.byteSize();
        long i = 0;
        while (i < n) {
            i = switch (state) {
                case HEADER, KEYWORD -> collectLine(in, i, n);
                case DATA -> decodeData(in, i, n);
                case DONE -> n;
            };
        }
        chunk.position(chunk.limit());
    }

    /** Ends the article and reports what it held; the destination's position moves past the decoded bytes. */
    public YencResult finish() {
        if (!finished) {
            finished = true;
            if (state == State.KEYWORD || state == State.HEADER) {
                onLine();
            }
        }
        long written = Math.min(decoded, capacity);
        ByteBuffer data = destination.slice(destination.position(), (int) written);
        destination.position(destination.position() + (int) written);
        return YencPartCheck.check(begin, part, end, decoded, capacity, () -> crcOf(data), expectation);
    }

    /** The CRC-32 of the decoded bytes: what the native step folded, and CRC32 over the rest (all of them on the Java paths). */
    private int crcOf(ByteBuffer data) {
        long folded = progress == null || progress.crcEnd > data.remaining() ? 0 : progress.crcEnd;
        int known = folded == 0 ? 0 : progress.crc;
        if (folded == data.remaining()) {
            return known;
        }
        int restCrc = Crc32s.of(data.slice((int) folded, data.remaining() - (int) folded));
        return folded == 0 ? restCrc : Crc32s.combine(known, restCrc, data.remaining() - folded);
    }

    /** Appends bytes to the keyword line buffer until LF, then handles the line. */
    private long collectLine(MemorySegment in, long i, long n) {
        while (i < n) {
            byte b = in.get(BYTE, i++);
            if (b == '\n') {
                onLine();
                return i;
            }
            if (lineLength < line.length) {
                line[lineLength++] = b;
            }
        }
        return i;
    }

    private void onLine() {
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        Optional<YencKeywordLine> parsed = len >= 2 && line[0] == '=' && line[1] == 'y'
                ? YencKeywordLine.parse(new String(line, 0, len, StandardCharsets.UTF_8))
                : Optional.empty();
        lineLength = 0;
        if (state == State.HEADER) {
            if (parsed.isPresent() && parsed.get().keyword().equals("begin")) {
                begin = parsed.get();
                state = State.DATA;
                lineStart = true;
            }
            return;
        }
        if (state != State.KEYWORD) {
            return;
        }
        state = State.DATA;
        lineStart = true;
        if (parsed.isEmpty()) {
            return;
        }
        switch (parsed.get().keyword()) {
            case "part" -> {
                if (decoded == 0 && part == null) {
                    part = parsed.get();
                }
            }
            case "end" -> {
                end = parsed.get();
                state = State.DONE;
            }
            default -> {
                // Unknown =y keyword lines (e.g. =ycrc from old tools) carry no data.
            }
        }
    }

    /** Decodes data bytes until a keyword line starts or the chunk ends. */
    private long decodeData(MemorySegment in, long i, long n) {
        if (whole != null && decoded < capacity) {
            i = decodeWhole(in, i, n);
            if (state != State.DATA || i >= n) {
                return i;
            }
        }
        return decodeSteps(in, i, n);
    }

    /** One native downcall for the chunk; past a full output the byte path counts the rest. */
    private long decodeWhole(MemorySegment in, long i, long n) {
        BlockDecoder.Progress p = progress;
        p.in = i;
        p.out = decoded;
        p.escape = escape;
        p.lineStart = lineStart;
        p.lineStartEquals = lineStartEquals;
        p.lineStartDot = lineStartDot;
        whole.decode(in, n, dest, options.unstuffDots(), p);
        decoded = p.out;
        escape = p.escape;
        lineStart = p.lineStart;
        lineStartEquals = p.lineStartEquals;
        lineStartDot = p.lineStartDot;
        if (p.keyword) {
            enterKeywordLine();
        }
        return p.in;
    }

    /** A line started with "=y": the rest of it is collected and parsed as a keyword line. */
    private void enterKeywordLine() {
        state = State.KEYWORD;
        line[0] = '=';
        line[1] = 'y';
        lineLength = 2;
    }

    /** The Java paths: the optional block step, words (SWAR) and single bytes. */
    private long decodeSteps(MemorySegment in, long i, long n) {
        final MemorySegment out = dest;
        final long cap = capacity;
        final long fastIn = n - 8; // room for a word
        final long fastOut = cap - 8;
        long o = decoded;
        long blocksFrom = i;
        while (i < n) {
            if (!(escape | lineStart | lineStartEquals | lineStartDot)) {
                if (blocks != null && i >= blocksFrom) {
                    progress.in = i;
                    progress.out = o;
                    blocks.decode(in, n, out, options.unstuffDots(), progress);
                    i = progress.in;
                    o = progress.out;
                    escape = progress.escape;
                    lineStart = progress.lineStart;
                    // Past a stop the word and byte paths take the next block before blocks again.
                    blocksFrom = i + blocks.blockBytes();
                    if (escape | lineStart) {
                        continue;
                    }
                }
                final long wordsEnd = blocks == null ? fastIn : Math.min(fastIn, blocksFrom);
                final boolean dots = options.unstuffDots();
                while (i <= wordsEnd && o <= fastOut) {
                    long x = in.get(LONG, i);
                    long low = x & Swar.LOW7;
                    long special = Swar.specialReceived(x, low);
                    if (special == 0) {
                        out.set(LONG, o, Swar.sub42(x, low));
                        o += 8;
                        i += 8;
                        continue;
                    }
                    long eq = Swar.lanesEqual(x, low, Swar.EQ);
                    long lf = Swar.lanesEqual(x, low, Swar.LF);
                    // '=', CR and LF go and a byte after '=' loses 64 more, all at once. A special
                    // last byte waits for the next word, so nothing carries over; an escaped '=', CR
                    // or LF and a line starting with '=' (maybe a keyword line), CR, LF or a stuffed
                    // dot go to the byte path.
                    long escaped = eq << 8;
                    long lineHazard = dots ? special | Swar.lanesEqual(x, low, Swar.DOT) : special;
                    if (((escaped & special) | (lf << 8 & lineHazard)) != 0) {
                        break;
                    }
                    long last = special >>> 63;
                    long keep = ~special & (Swar.HIGH >>> (last << 3));
                    long value = Swar.sub(x, Swar.ADD42 | escaped >>> 1);
                    // Long.compress is one PEXT with BMI2, fast on Intel since Haswell and AMD since
                    // Zen 3 (measured here, Zen 3: decode 1.22x); on Zen 1/2 PEXT is microcoded and slow.
                    out.set(LONG, o, Long.compress(value, (keep >>> 7) * 0xFF));
                    o += Long.bitCount(keep);
                    i += 8 - last;
                }
                if (i >= n) {
                    break;
                }
            }
            byte b = in.get(BYTE, i++);
            if (lineStartEquals) {
                lineStartEquals = false;
                if (b == 'y') {
                    enterKeywordLine();
                    decoded = o;
                    return i;
                }
                escape = true;
            }
            if (lineStartDot) {
                lineStartDot = false;
                o = put(o, (byte) ('.' - 42));
                if (b == '.') {
                    continue;
                }
            }
            if (escape) {
                escape = false;
                if (b != '\r' && b != '\n') {
                    o = put(o, (byte) (b - 106));
                    continue;
                }
            }
            if (b == '\n') {
                lineStart = true;
                continue;
            }
            if (b == '\r') {
                continue;
            }
            if (lineStart) {
                lineStart = false;
                if (b == '=') {
                    lineStartEquals = true;
                    continue;
                }
                if (b == '.' && options.unstuffDots()) {
                    lineStartDot = true;
                    continue;
                }
            }
            if (b == '=') {
                escape = true;
                continue;
            }
            o = put(o, (byte) (b - 42));
        }
        decoded = o;
        return i;
    }

    private long put(long o, byte value) {
        if (o < capacity) {
            dest.set(BYTE, o, value);
        }
        return o + 1;
    }
}
