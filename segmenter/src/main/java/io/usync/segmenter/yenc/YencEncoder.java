package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static io.usync.segmenter.yenc.Swar.BYTE;
import static io.usync.segmenter.yenc.Swar.LONG;

/**
 * Fast yEnc 1.3 multi-part encoder writing a whole article body ({@code =ybegin} to {@code =yend})
 * straight into a caller-supplied buffer; stateless and thread-safe.
 */
public final class YencEncoder {

    private final int lineLength;

    /** Creates an encoder with the given line length. */
    public YencEncoder(YencEncoderOptions options) {
        this.lineLength = options.lineLength();
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
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        int partCrc = (int) crc.getValue();
        MemorySegment out = MemorySegment.ofBuffer(target);
        byte[] head = YencHeaderLines.head(part, lineLength);
        MemorySegment.copy(MemorySegment.ofArray(head), 0, out, 0, head.length);
        long pos = encodeBody(MemorySegment.ofBuffer(data), out, head.length, lineLength);
        byte[] tail = YencHeaderLines.tail(part, partCrc);
        MemorySegment.copy(MemorySegment.ofArray(tail), 0, out, pos, tail.length);
        return new YencEncoded(partCrc, (int) (pos + tail.length));
    }

    /**
     * Encodes all of {@code in} as CRLF-terminated lines into {@code out} from {@code outPos} and
     * returns the position after the last line; an empty input writes nothing.
     */
    static long encodeBody(MemorySegment in, MemorySegment out, long outPos, int lineLength) {
        final long end = in.byteSize();
        final long fastEnd = end - 9; // a word ending before the part's last byte: i + 8 <= end - 1
        final int lastCol = lineLength - 1;
        long i = 0;
        long o = outPos;
        int col = 0;
        while (i < end) {
            if (col >= 1 && col < lastCol && i <= fastEnd) {
                // Bytes landing on columns col .. lastCol - 1 need escaping only if NUL, LF, CR or '='.
                int room = lastCol - col;
                long y = Swar.add42(in.get(LONG, i));
                long critical = Swar.criticalEncoded(y);
                out.set(LONG, o, y);
                int take = room >= 8 ? 8 : room;
                if (take < 8) {
                    critical &= (1L << (take << 3)) - 1;
                }
                if (critical == 0) {
                    o += take;
                    col += take;
                    i += take;
                    continue;
                }
                int clean = Swar.firstFlagged(critical);
                int c = (int) (y >>> (clean << 3)) & 0xFF;
                o += clean;
                out.set(BYTE, o, (byte) '=');
                out.set(BYTE, o + 1, (byte) (c + 64));
                o += 2;
                col += clean + 2;
                i += clean + 1;
            } else {
                int c = (in.get(BYTE, i) + 42) & 0xFF;
                boolean escape = switch (c) {
                    case 0, '\n', '\r', '=' -> true;
                    case '\t', ' ' -> col == 0 || col >= lastCol || i == end - 1;
                    case '.' -> col == 0;
                    default -> false;
                };
                if (escape) {
                    out.set(BYTE, o, (byte) '=');
                    out.set(BYTE, o + 1, (byte) (c + 64));
                    o += 2;
                    col += 2;
                } else {
                    out.set(BYTE, o, (byte) c);
                    o++;
                    col++;
                }
                i++;
            }
            if (col >= lineLength) {
                out.set(BYTE, o, (byte) '\r');
                out.set(BYTE, o + 1, (byte) '\n');
                o += 2;
                col = 0;
            }
        }
        if (col > 0) {
            out.set(BYTE, o, (byte) '\r');
            out.set(BYTE, o + 1, (byte) '\n');
            o += 2;
        }
        return o;
    }
}
