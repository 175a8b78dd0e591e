package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.NntpProtocolException;
import java.util.Objects;

/**
 * The reply state machine: status lines, then for multi-line replies the dot-unstuffed block up to
 * its terminating {@code .} line, correct at every split of the input. It consumes what it can,
 * leaves partial input unread, allocates nothing, and enters {@link State#FAILED} on a protocol
 * error until {@link #reset()}.
 */
public final class NntpReplyParser {

    /** Where the parser is in the byte stream. */
    public enum State {
        /** Waiting for a status line. */
        STATUS_LINE,
        /** Inside a dot-terminated block. */
        BLOCK,
        /** A protocol error was seen; the stream position is unknown. */
        FAILED
    }

    private final NntpCodecOptions options;
    private final NntpFraming framing;
    private State state = State.STATUS_LINE;
    private boolean lineStart;
    private int blockCode;

    /** Creates a parser that asks {@code framing} which replies are multi-line. */
    public NntpReplyParser(NntpCodecOptions options, NntpFraming framing) {
        this.options = Objects.requireNonNull(options, "options");
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Starts reading a dot-terminated block with no status line before it (a server reading an article). */
    public void beginBlock(int code) {
        state = State.BLOCK;
        blockCode = code;
        lineStart = true;
    }

    /** Returns to waiting for a status line after a failure. */
    public void reset() {
        state = State.STATUS_LINE;
        lineStart = false;
    }

    /** Parses as much of {@code in} as forms complete units, advancing its reader index. */
    public void parse(ByteBuf in, NntpResponseSink sink) {
        try {
            while (in.isReadable()) {
                boolean progressed = switch (state) {
                    case STATUS_LINE -> statusLine(in, sink);
                    case BLOCK -> block(in, sink);
                    case FAILED -> {
                        in.skipBytes(in.readableBytes());
                        yield false;
                    }
                };
                if (!progressed) {
                    return;
                }
            }
        } catch (NntpProtocolException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private boolean statusLine(ByteBuf in, NntpResponseSink sink) {
        int r = in.readerIndex();
        int readable = in.readableBytes();
        int searchEnd = r + Math.min(readable, options.maxLineLength() + 2);
        int lf = in.indexOf(r, searchEnd, (byte) '\n');
        if (lf < 0) {
            if (readable > options.maxLineLength() + 1) {
                throw new NntpProtocolException("Server sent a status line longer than "
                        + options.maxLineLength() + " octets; closing the connection");
            }
            return false;
        }
        int end = lf > r && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int length = end - r;
        if (length < 3 || !digit(in.getByte(r)) || !digit(in.getByte(r + 1)) || !digit(in.getByte(r + 2))
                || (length > 3 && in.getByte(r + 3) != ' ')) {
            throw new NntpProtocolException("Server sent a malformed status line ("
                    + printable(in, r, Math.min(length, 40)) + "); closing the connection");
        }
        int code = (in.getByte(r) - '0') * 100 + (in.getByte(r + 1) - '0') * 10 + (in.getByte(r + 2) - '0');
        if (code < 100 || code > 599) {
            throw new NntpProtocolException("Server sent unknown status code " + code + "; closing the connection");
        }
        int textIndex = length > 3 ? r + 4 : r + 3;
        boolean multiLine = framing.isMultiLine(code);
        in.readerIndex(lf + 1);
        if (multiLine) {
            state = State.BLOCK;
            blockCode = code;
            lineStart = true;
            sink.onStatus(code, true, in, textIndex, end - textIndex);
        } else {
            framing.onReplyComplete(code);
            sink.onStatus(code, false, in, textIndex, end - textIndex);
        }
        return true;
    }

    private boolean block(ByteBuf in, NntpResponseSink sink) {
        int r = in.readerIndex();
        int w = in.writerIndex();
        if (lineStart) {
            if (in.getByte(r) == '.') {
                if (w - r < 2) {
                    return false;
                }
                byte next = in.getByte(r + 1);
                if (next == '\r') {
                    if (w - r < 3) {
                        return false;
                    }
                    if (in.getByte(r + 2) == '\n') {
                        in.readerIndex(r + 3);
                        endBlock(sink);
                        return true;
                    }
                } else if (next == '\n') {
                    in.readerIndex(r + 2);
                    endBlock(sink);
                    return true;
                }
                r++;
                in.readerIndex(r);
                if (r == w) {
                    lineStart = false;
                    return false;
                }
            }
            lineStart = false;
        }
        int end = (int) Math.min(w, (long) r + options.maxChunkSize());
        int lf = DotLines.indexOfLfDotInOwnedBuffer(in, r, end, options.lfDotScanner());
        if (lf >= 0) {
            sink.onContent(in, r, lf + 1 - r);
            in.readerIndex(lf + 1);
            lineStart = true;
        } else {
            sink.onContent(in, r, end - r);
            in.readerIndex(end);
            lineStart = in.getByte(end - 1) == '\n';
        }
        return true;
    }

    private void endBlock(NntpResponseSink sink) {
        state = State.STATUS_LINE;
        lineStart = false;
        framing.onReplyComplete(blockCode);
        sink.onContentEnd();
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String printable(ByteBuf in, int index, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            byte b = in.getByte(index + i);
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return sb.toString();
    }
}
