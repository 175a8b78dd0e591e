package io.usync.segmenter.pack;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackTableTest {

    private static byte[] hash(int fill) {
        byte[] h = new byte[32];
        java.util.Arrays.fill(h, (byte) fill);
        return h;
    }

    @Test
    void encodesTheDocumentedLayout() {
        byte[] table = PackTable.encode(List.of(new PackEntry("a/b", 0, 2, hash(0xAB))));
        assertThat(HexFormat.of().formatHex(table)).isEqualTo("5553504b" + "01" + "00000001" + "0003" + "612f62"
                + "0000000000000000" + "0000000000000002" + "ab".repeat(32));
        byte[] trailer = PackTable.trailer(2, table);
        assertThat(HexFormat.of().formatHex(trailer)).startsWith("0000000000000002" + String.format("%08x", table.length))
                .endsWith("55535054");
        assertThat(PackTable.encodedSize(List.of(new PackMember(0, "a/b", 0, 2)))).isEqualTo(table.length);
    }

    @Test
    void decodesWhatItEncodes() {
        List<PackEntry> entries = List.of(new PackEntry("x", 0, 5, hash(1)), new PackEntry("dir/ü", 5, 7, hash(2)));
        byte[] table = PackTable.encode(entries);
        long blobSize = 12 + table.length + PackTable.TRAILER_BYTES;
        PackTable.Decoded<PackTable.Trailer> trailer = PackTable.decodeTrailer(ByteBuffer.wrap(PackTable.trailer(12, table)), blobSize);
        assertThat(trailer).isInstanceOf(PackTable.Decoded.Valid.class);
        PackTable.Trailer t = ((PackTable.Decoded.Valid<PackTable.Trailer>) trailer).value();
        assertThat(PackTable.decode(ByteBuffer.wrap(table), t, 100)).isEqualTo(new PackTable.Decoded.Valid<>(entries));
        assertThat(PackTable.decode(ByteBuffer.wrap(table), t, 1)).isInstanceOf(PackTable.Decoded.Corrupt.class);
    }

    @Test
    void rejectsCorruptTablesAndTrailersWithoutThrowing() {
        byte[] table = PackTable.encode(List.of(new PackEntry("x", 0, 5, hash(1))));
        byte[] trailer = PackTable.trailer(5, table);
        long blobSize = 5 + table.length + PackTable.TRAILER_BYTES;
        assertThat(PackTable.decodeTrailer(ByteBuffer.wrap(trailer), blobSize + 1)).isInstanceOf(PackTable.Decoded.Corrupt.class);
        assertThat(PackTable.decodeTrailer(ByteBuffer.wrap(new byte[20]), blobSize)).isInstanceOf(PackTable.Decoded.Corrupt.class);
        PackTable.Trailer t = new PackTable.Trailer(5, table.length, 0);
        assertThat(PackTable.decode(ByteBuffer.wrap(table), t, 10)).isInstanceOf(PackTable.Decoded.Corrupt.class);
        for (int i = 0; i < table.length; i++) {
            byte[] bad = table.clone();
            bad[i] ^= 0x40;
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bad);
            PackTable.Trailer forged = new PackTable.Trailer(5, bad.length, (int) crc.getValue());
            PackTable.Decoded<List<PackEntry>> decoded = PackTable.decode(ByteBuffer.wrap(bad), forged, 10);
            if (decoded instanceof PackTable.Decoded.Valid<List<PackEntry>> v) {
                assertThat(v.value()).hasSize(1); // a flipped hash or path byte still decodes to one entry
            }
        }
        byte[] truncated = java.util.Arrays.copyOf(table, table.length - 3);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(truncated);
        assertThat(PackTable.decode(ByteBuffer.wrap(truncated), new PackTable.Trailer(5, truncated.length, (int) crc.getValue()), 10))
                .isInstanceOf(PackTable.Decoded.Corrupt.class);
    }
}
