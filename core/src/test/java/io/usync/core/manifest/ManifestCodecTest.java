package io.usync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestCodecTest {

    private final ManifestCodec codec = new ManifestCodec(ManifestLimits.defaults());

    static Manifest sample() {
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) 7);
        return new Manifest("photos", 2, 716_800,
                List.of("a", "a/empty", "ünï/côdé"),
                List.of(new ManifestBlob(BlobKind.FILE, 0, 1, 2_000_000, 716_800, 3),
                        new ManifestBlob(BlobKind.PACK, 0, 2, 100, 716_800, 1)),
                List.of(new ManifestFile("a/big.bin", 2_000_000, 1_700_000_000_000L, sha, new FileLocation.Whole(0)),
                        new ManifestFile("a/small.txt", 60, 5, sha, new FileLocation.Packed(0, 40)),
                        new ManifestFile("a/zero", 0, 6, sha, FileLocation.EMPTY),
                        new ManifestFile("ünï/côdé/名前.txt", 40, 7, sha, new FileLocation.Packed(0, 0))),
                List.of(new AttemptOverride(BlobKind.FILE, 0, 2, 1)));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Manifest manifest = sample();
        assertThat(codec.decode(codec.encode(manifest))).isEqualTo(manifest);
    }

    @Test
    void matchesGoldenEncodingOfASmallManifest() {
        Manifest tiny = new Manifest("L", 1, 1000, List.of("d"),
                List.of(new ManifestBlob(BlobKind.FILE, 0, 1, 5, 1000, 1)),
                List.of(new ManifestFile("d/f", 5, 1, new byte[32], new FileLocation.Whole(0))), List.of());
        String hex = HexFormat.of().formatHex(codec.encode(tiny));
        assertThat(hex).isEqualTo(
                "5553594e432d4d31" + "00000001" + "00000001" + "4c" + "00000001" + "000003e8"
                        + "00000001" + "00000001" + "64"
                        + "00000001" + "00" + "00000000" + "00000001" + "0000000000000005" + "000003e8" + "00000001"
                        + "00000001" + "00000003" + "642f66" + "0000000000000005" + "0000000000000001"
                        + "00".repeat(32) + "01" + "00000000"
                        + "00000000");
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261122L})
    void roundTripsRandomManifests(long seed) throws Exception {
        System.out.println("ManifestCodecTest seed " + seed);
        Random random = new Random(seed);
        List<ManifestBlob> blobs = new ArrayList<>();
        List<ManifestFile> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        int n = 1 + random.nextInt(300);
        for (int i = 0; i < n; i++) {
            byte[] sha = new byte[32];
            random.nextBytes(sha);
            long size = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3_000_000);
            String path = "f" + i + "/" + (char) ('a' + random.nextInt(26)) + "ö" + i;
            folders.add("f" + i);
            if (size == 0) {
                files.add(new ManifestFile(path, 0, random.nextLong(), sha, FileLocation.EMPTY));
            } else {
                int segmentSize = 1 + random.nextInt(800_000);
                blobs.add(new ManifestBlob(BlobKind.FILE, blobs.size(), 1 + random.nextInt(3), size, segmentSize,
                        (int) ((size + segmentSize - 1) / segmentSize)));
                files.add(new ManifestFile(path, size, random.nextLong(), sha, new FileLocation.Whole(blobs.size() - 1)));
            }
        }
        Manifest manifest = new Manifest("label-" + seed, 3, 716_800, folders, blobs, files, List.of());
        assertThat(codec.decode(codec.encode(manifest))).isEqualTo(manifest);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] encoded = codec.encode(sample());
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(ManifestFormatException.class);
        }
    }

    @Test
    void rejectsTrailingBytesAndBadMagic() {
        byte[] encoded = codec.encode(sample());
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> codec.decode(longer)).hasMessageContaining("trailing");
        byte[] bad = encoded.clone();
        bad[0] = 'X';
        assertThatThrownBy(() -> codec.decode(bad)).hasMessageContaining("magic");
    }

    @Test
    void rejectsCountsAboveTheLimitsBeforeAllocating() {
        ManifestCodec strict = new ManifestCodec(new ManifestLimits(1, 1, 1, 1, 4096));
        assertThatThrownBy(() -> strict.decode(codec.encode(sample()))).isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void rejectsHostilePathsInsideTheManifest() {
        Manifest manifest = new Manifest("x", 1, 100, List.of("aa"), List.of(), List.of(), List.of());
        byte[] encoded = codec.encode(manifest);
        String text = new String(encoded, StandardCharsets.ISO_8859_1).replace("aa", "..");
        assertThatThrownBy(() -> codec.decode(text.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(ManifestFormatException.class).hasMessageContaining("inconsistent");
    }

    @Test
    void rejectsFilesPointingOutsideTheirPack() {
        assertThatThrownBy(() -> new Manifest("x", 1, 100, List.of(),
                List.of(new ManifestBlob(BlobKind.PACK, 0, 1, 10, 100, 1)),
                List.of(new ManifestFile("f", 5, 0, new byte[32], new FileLocation.Packed(0, 6))), List.of()))
                .hasMessageContaining("outside its pack");
    }

    @Test
    void rejectsSegmentCountsThatDisagreeWithTheSize() {
        assertThatThrownBy(() -> new ManifestBlob(BlobKind.FILE, 0, 1, 1001, 1000, 1))
                .hasMessageContaining("needs 2");
    }

    @Test
    void descriptorRoundTripsAndRejectsWrongLength() throws Exception {
        byte[] locator = new byte[16];
        locator[3] = 9;
        byte[] sha = new byte[32];
        sha[0] = 1;
        ManifestDescriptor descriptor = new ManifestDescriptor(io.usync.core.ShareLocator.of(locator), 4, 2, 3, 2_000_000, sha, 1234L);
        assertThat(ManifestDescriptor.decode(descriptor.encode())).isEqualTo(descriptor);
        assertThatThrownBy(() -> ManifestDescriptor.decode(new byte[5])).isInstanceOf(ManifestFormatException.class);
    }
}
