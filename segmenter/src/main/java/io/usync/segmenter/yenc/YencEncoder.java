package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Fast yEnc 1.3 multi-part encoder writing a whole article body ({@code =ybegin} to {@code =yend})
 * straight into a caller-supplied buffer; stateless and thread-safe.
 */
public final class YencEncoder {

    private static final int MAPPED_CRC_CHUNK = 16_384;
    private static final short CRLF = (short) ('\r' | '\n' << 8);
    private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;

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
        int partCrc = crc32(data);
        ByteBuffer out = target.slice().order(ByteOrder.LITTLE_ENDIAN);
        byte[] head = YencHeaderLines.head(part, lineLength);
        out.put(0, head);
        int pos = encodeBody(data.slice().order(ByteOrder.LITTLE_ENDIAN), out, head.length, lineLength);
        byte[] tail = YencHeaderLines.tail(part, partCrc);
        out.put(pos, tail);
        return new YencEncoded(partCrc, pos + tail.length);
    }

    /**
     * The CRC-32 of the buffer's remaining bytes. A file mapping is read through a guarded copy in
     * chunks: the JDK's CRC-32 intrinsic reading a mapping whose file was truncated dies of SIGBUS
     * (taking the JVM with it), a copy raises {@link InternalError} like every other read of it.
     */
    static int crc32(ByteBuffer data) {
        CRC32 crc = new CRC32();
        if (data.isDirect() && MemorySegment.ofBuffer(data).isMapped()) {
            byte[] chunk = new byte[MAPPED_CRC_CHUNK];
            ByteBuffer rest = data.duplicate();
            while (rest.hasRemaining()) {
                int n = Math.min(chunk.length, rest.remaining());
                rest.get(chunk, 0, n);
                crc.update(chunk, 0, n);
            }
        } else {
            crc.update(data.duplicate());
        }
        return (int) crc.getValue();
    }

    /**
     * Encodes all of {@code in} (position 0 to limit, little-endian) as CRLF-terminated lines into
     * {@code out} (little-endian) from {@code outPos} and returns the position after the last line;
     * an empty input writes nothing. Bytes past the returned position may be overwritten.
     */
    static int encodeBody(ByteBuffer in, ByteBuffer out, int outPos, int lineLength) {
        final int end = in.limit();
        final int fastEnd = end - 9; // a word ending before the part's last byte: i + 8 <= end - 1
        final int lastCol = lineLength - 1;
        int i = 0;
        int o = outPos;
        while (i < end) {
            // Column 0: '.', TAB and SPACE are escaped here as well as the critical bytes.
            int c = (in.get(i++) + 42) & 0xFF;
            int col;
            if (escapedAtLineStart(c)) {
                out.putShort(o, escapePair(c));
                o += 2;
                col = 2;
            } else {
                out.put(o++, (byte) c);
                col = 1;
            }
            // Columns 1 .. lastCol - 1: only NUL, LF, CR and '=' are escaped; a word at a time.
            // First whole words while every lane lands before the last column (col - i and o - i
            // change only at an escape), then words that may reach the last column.
            int colLead = col - i;
            int outLead = o - i;
            int wordsEnd = Math.min(fastEnd, lastCol - 8 - colLead);
            while (i <= wordsEnd) {
                long y = Swar.add42(in.getLong(i));
                long critical = Swar.criticalEncoded(y);
                out.putLong(i + outLead, y);
                if (critical == 0) {
                    i += 8;
                    continue;
                }
                int clean = Swar.firstFlagged(critical);
                if ((critical & (critical - 1)) == 0 && i < wordsEnd) {
                    // One escape and room for the nine columns: the '=' replaces the byte, then the
                    // escaped byte and the rest go one further; the input still moves a whole word.
                    int shift = clean << 3;
                    int at = i + outLead;
                    out.putLong(at, y ^ ((y ^ EQUALS) & (0xFFL << shift)));
                    out.putLong(at + clean + 1, (y >>> shift) ^ 0x40);
                    i += 8;
                } else {
                    out.putShort(i + outLead + clean, escapePair((int) (y >>> (clean << 3)) & 0xFF));
                    i += clean + 1;
                }
                colLead++;
                outLead++;
                wordsEnd--;
            }
            col = i + colLead;
            o = i + outLead;
            while (i <= fastEnd) {
                int room = lastCol - col;
                if (room <= 0) {
                    break;
                }
                long y = Swar.add42(in.getLong(i));
                long critical = Swar.criticalEncoded(y);
                out.putLong(o, y);
                if (room >= 8) {
                    if (critical == 0) {
                        i += 8;
                        o += 8;
                        col += 8;
                        continue;
                    }
                } else {
                    // Lanes 0 .. room - 1 are mid-line; lane room lands on the last column.
                    critical &= (1L << (room << 3) << 8) - 1;
                    if (critical == 0) {
                        int last = (int) (y >>> (room << 3)) & 0xFF;
                        if (last == '\t' || last == ' ') {
                            out.putShort(o + room, escapePair(last));
                            o += 1;
                        }
                        i += room + 1;
                        o += room + 1;
                        col = lineLength;
                        break;
                    }
                }
                int clean = Swar.firstFlagged(critical);
                out.putShort(o + clean, escapePair((int) (y >>> (clean << 3)) & 0xFF));
                i += clean + 1;
                o += clean + 2;
                col += clean + 2;
            }
            // The last column and the part's last bytes, one at a time.
            while (col < lineLength && i < end) {
                c = (in.get(i++) + 42) & 0xFF;
                boolean escape = switch (c) {
                    case 0, '\n', '\r', '=' -> true;
                    case '\t', ' ' -> col >= lastCol || i == end;
                    default -> false;
                };
                if (escape) {
                    out.putShort(o, escapePair(c));
                    o += 2;
                    col += 2;
                } else {
                    out.put(o++, (byte) c);
                    col++;
                }
            }
            out.putShort(o, CRLF);
            o += 2;
        }
        return o;
    }

    private static boolean escapedAtLineStart(int c) {
        return switch (c) {
            case 0, '\n', '\r', '=', '\t', ' ', '.' -> true;
            default -> false;
        };
    }

    /** '=' then the escaped byte (c + 64 mod 256), as a little-endian short. */
    private static short escapePair(int c) {
        return (short) ('=' | ((c + 64) & 0xFF) << 8);
    }
}
