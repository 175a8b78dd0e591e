package io.usync.segmenter.pack;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** Encodes and decodes a pack's member table and trailer (layout in the package documentation); decoding treats input as hostile. */
public final class PackTable {

    /** Size of the fixed trailer at the very end of a pack blob. */
    public static final int TRAILER_BYTES = 20;
    private static final int MAGIC = 0x5553504B; // "USPK"
    private static final int TRAILER_MAGIC = 0x55535054; // "USPT"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 9;
    private static final int ENTRY_FIXED_BYTES = 2 + 8 + 8 + 32;

    private PackTable() {
    }

    /** Where a pack's table lies, read from its trailer. */
    public record Trailer(long tableOffset, int tableLength, int tableCrc32) {
    }

    /** What decoding a table or trailer found. */
    public sealed interface Decoded<T> {
        /** The table or trailer is well-formed. */
        record Valid<T>(T value) implements Decoded<T> {
        }

        /** The bytes are not a valid table or trailer, with a one-line reason. */
        record Corrupt<T>(String reason) implements Decoded<T> {
        }
    }

    /** The encoded size of the table for these members (paths are the only variable part). */
    public static long encodedSize(List<PackMember> members) {
        long size = HEADER_BYTES;
        for (PackMember m : members) {
            size += ENTRY_FIXED_BYTES + m.path().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** Encodes the table for entries in pack order. */
    public static byte[] encode(List<PackEntry> entries) {
        int size = HEADER_BYTES;
        List<byte[]> paths = new ArrayList<>(entries.size());
        for (PackEntry e : entries) {
            byte[] p = e.path().getBytes(StandardCharsets.UTF_8);
            if (p.length > 0xFFFF) {
                throw new IllegalArgumentException("path longer than 65535 bytes: " + e.path());
            }
            paths.add(p);
            size += ENTRY_FIXED_BYTES + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).put((byte) VERSION).putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            PackEntry e = entries.get(i);
            b.putShort((short) paths.get(i).length).put(paths.get(i)).putLong(e.offset()).putLong(e.length()).put(e.sha256());
        }
        return b.array();
    }

    /** The trailer for a table starting at {@code tableOffset}. */
    public static byte[] trailer(long tableOffset, byte[] table) {
        CRC32 crc = new CRC32();
        crc.update(table);
        return ByteBuffer.allocate(TRAILER_BYTES).putLong(tableOffset).putInt(table.length)
                .putInt((int) crc.getValue()).putInt(TRAILER_MAGIC).array();
    }

    /** Decodes the last {@link #TRAILER_BYTES} bytes of a pack blob of {@code blobSize} bytes. */
    public static Decoded<Trailer> decodeTrailer(ByteBuffer trailer, long blobSize) {
        if (trailer.remaining() != TRAILER_BYTES) {
            return new Decoded.Corrupt<>("pack trailer must be " + TRAILER_BYTES + " bytes");
        }
        ByteBuffer b = trailer.duplicate();
        long offset = b.getLong();
        int length = b.getInt();
        int crc = b.getInt();
        if (b.getInt() != TRAILER_MAGIC) {
            return new Decoded.Corrupt<>("not a pack: trailer magic missing");
        }
        if (offset < 0 || length < HEADER_BYTES || offset + length + TRAILER_BYTES != blobSize) {
            return new Decoded.Corrupt<>("pack trailer points outside the pack");
        }
        return new Decoded.Valid<>(new Trailer(offset, length, crc));
    }

    /** Decodes a table checked against its trailer: entries in order, inside the data area, at most {@code maxEntries}. */
    public static Decoded<List<PackEntry>> decode(ByteBuffer table, Trailer trailer, int maxEntries) {
        ByteBuffer b = table.duplicate();
        if (b.remaining() != trailer.tableLength()) {
            return new Decoded.Corrupt<>("pack table length differs from its trailer");
        }
        CRC32 crc = new CRC32();
        crc.update(b.duplicate());
        if ((int) crc.getValue() != trailer.tableCrc32()) {
            return new Decoded.Corrupt<>("pack table CRC mismatch");
        }
        try {
            if (b.getInt() != MAGIC || b.get() != VERSION) {
                return new Decoded.Corrupt<>("not a version-1 pack table");
            }
            int count = b.getInt();
            if (count < 0 || count > maxEntries) {
                return new Decoded.Corrupt<>("pack table has " + count + " entries, limit " + maxEntries);
            }
            List<PackEntry> entries = new ArrayList<>(Math.min(count, 1024));
            long expectedOffset = 0;
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            for (int i = 0; i < count; i++) {
                int pathLength = Short.toUnsignedInt(b.getShort());
                if (pathLength == 0 || pathLength > b.remaining()) {
                    return new Decoded.Corrupt<>("pack table entry " + i + " has a bad path length");
                }
                String path = decoder.decode(b.slice(b.position(), pathLength)).toString();
                b.position(b.position() + pathLength);
                long offset = b.getLong();
                long length = b.getLong();
                byte[] sha = new byte[32];
                b.get(sha);
                if (offset != expectedOffset || length < 0 || offset + length > trailer.tableOffset()) {
                    return new Decoded.Corrupt<>("pack table entry " + i + " is not contiguous inside the data");
                }
                expectedOffset = offset + length;
                entries.add(new PackEntry(path, offset, length, sha));
            }
            if (b.hasRemaining() || expectedOffset != trailer.tableOffset()) {
                return new Decoded.Corrupt<>("pack table does not cover the pack data exactly");
            }
            return new Decoded.Valid<>(List.copyOf(entries));
        } catch (BufferUnderflowException e) {
            return new Decoded.Corrupt<>("pack table is truncated");
        } catch (CharacterCodingException e) {
            return new Decoded.Corrupt<>("pack table path is not UTF-8");
        }
    }
}
