package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Streaming yEnc decoder for one article: fed body chunks as they come off the network (escapes,
 * line starts and keyword lines may straddle chunks), it decodes into a caller-supplied
 * destination and {@link #finish() finishes} with a {@link YencResult}; bad data is a result, never
 * an exception. One instance per article; not thread-safe.
 */
public final class YencDecoder {

    private enum State { HEADER, DATA, KEYWORD, DONE }

    private final YencDecoderOptions options;
    private final YencExpectation expectation;
    private final ByteBuffer destination;
    private final ByteBuffer dest;
    private final int capacity;
    private final byte[] line;

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
        this.options = options;
        this.expectation = expectation;
        this.destination = destination;
        this.dest = destination.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.capacity = dest.capacity();
        this.line = new byte[options.maxKeywordLineLength()];
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
        ByteBuffer in = chunk.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = in.limit();
        int i = 0;
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
        return YencPartCheck.check(begin, part, end, decoded, capacity, data, expectation);
    }

    /** Appends bytes to the keyword line buffer until LF, then handles the line. */
    private int collectLine(ByteBuffer in, int i, int n) {
        while (i < n) {
            byte b = in.get(i++);
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
    private int decodeData(ByteBuffer in, int i, int n) {
        while (i < n) {
            if (!(escape | lineStart | lineStartEquals | lineStartDot) && decoded <= capacity - 16) {
                i = decodeWords(in, i, n);
                if (i >= n) {
                    break;
                }
            }
            byte b = in.get(i++);
            if (lineStartEquals) {
                lineStartEquals = false;
                if (b == 'y') {
                    state = State.KEYWORD;
                    line[0] = '=';
                    line[1] = 'y';
                    lineLength = 2;
                    return i;
                }
                escape = true;
            }
            if (lineStartDot) {
                lineStartDot = false;
                put((byte) ('.' - 42));
                if (b == '.') {
                    continue;
                }
            }
            if (escape) {
                escape = false;
                if (b != '\r' && b != '\n') {
                    put((byte) (b - 106));
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
            put((byte) (b - 42));
        }
        return i;
    }

    /**
     * The fast path in the middle of a line with no pending escape: a word of eight bytes at a time
     * while the input has a word plus a line break and the next line's first byte left and the
     * destination two words of room. At the first '=', CR or LF of a word it takes one step (an
     * escape pair, or a CR LF followed by an ordinary line start) without a data-dependent branch and
     * goes on from there; anything that may change the state (a line starting with '=', CR, LF or,
     * when un-stuffing, '.'; an '=' before CR or LF; a lone CR or LF) is left to the scalar path.
     * Updates {@code decoded}; returns the input index.
     */
    private int decodeWords(ByteBuffer in, int i, int n) {
        final ByteBuffer out = dest;
        final int fastIn = n - 10;
        final int fastOut = capacity - 16;
        final int dot = options.unstuffDots() ? '.' : '\r';
        int o = (int) decoded;
        while (i <= fastIn && o <= fastOut) {
            long x = in.getLong(i);
            long special = Swar.specialReceived(x);
            out.putLong(o, Swar.sub42(x));
            if (special == 0) {
                i += 8;
                o += 8;
                continue;
            }
            int clean = Swar.firstFlagged(special);
            i += clean;
            o += clean;
            int b = in.get(i);
            int e = in.get(i + 1);
            int f = in.get(i + 2);
            boolean escapePair = b == '=' & e != '\r' & e != '\n';
            boolean lineBreak = b == '\r' & e == '\n' & f != '=' & f != '\r' & f != '\n' & f != dot;
            if (!(escapePair | lineBreak)) {
                break;
            }
            out.put(o, (byte) (e - 106));
            o += escapePair ? 1 : 0;
            i += 2;
        }
        decoded = o;
        return i;
    }

    /** Writes one decoded byte if the destination has room; counts it either way. */
    private void put(byte value) {
        if (decoded < capacity) {
            dest.put((int) decoded, value);
        }
        decoded++;
    }
}
