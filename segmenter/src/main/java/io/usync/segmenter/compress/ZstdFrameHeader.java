package io.usync.segmenter.compress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;

/** The sizes a zstd frame header declares (RFC 8878 section 3.1.1.1), parsed without trusting the input. */
record ZstdFrameHeader(long windowSize, OptionalLong contentSize) {

    private static final int MAGIC = 0xFD2FB528;

    /** Parses the header at the buffer's position, or empty when it is not a zstd frame header. */
    static Optional<ZstdFrameHeader> parse(ByteBuffer frame) {
        ByteBuffer b = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 6 || b.getInt() != MAGIC) {
            return Optional.empty();
        }
        int descriptor = b.get() & 0xFF;
        int fcsFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        if ((descriptor & 0x08) != 0) {
            return Optional.empty(); // reserved bit must be zero
        }
        int dictIdBytes = switch (descriptor & 3) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        long window = -1;
        if (!singleSegment) {
            int wd = b.get() & 0xFF;
            int exponent = wd >>> 3;
            int mantissa = wd & 7;
            long base = 1L << (10 + exponent);
            window = base + (base / 8) * mantissa;
        }
        int fcsBytes = switch (fcsFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        if (b.remaining() < dictIdBytes + fcsBytes) {
            return Optional.empty();
        }
        b.position(b.position() + dictIdBytes);
        OptionalLong content = switch (fcsBytes) {
            case 0 -> OptionalLong.empty();
            case 1 -> OptionalLong.of(b.get() & 0xFFL);
            case 2 -> OptionalLong.of((b.getShort() & 0xFFFFL) + 256);
            case 4 -> OptionalLong.of(b.getInt() & 0xFFFFFFFFL);
            default -> OptionalLong.of(b.getLong());
        };
        if (singleSegment) {
            window = content.getAsLong();
        }
        return Optional.of(new ZstdFrameHeader(window, content));
    }
}
