package io.usync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.ShareKind;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestHeaderTest {

    @Test
    void roundTripsAPrivateHeaderWithSlots() throws Exception {
        ManifestHeader header = new ManifestHeader(ShareKind.PRIVATE, 3,
                List.of(new KeySlot(new byte[] {1, 2, 3}), new KeySlot(new byte[80])), new byte[120]);
        assertThat(ManifestHeader.decode(header.encode())).isEqualTo(header);
    }

    @Test
    void matchesGoldenEncodingOfAPublicHeader() {
        ManifestHeader header = new ManifestHeader(ShareKind.PUBLIC, 2, List.of(), new byte[] {9, 8});
        assertThat(HexFormat.of().formatHex(header.encode()))
                .isEqualTo("5553594e432d4831" + "01" + "00000002" + "0000" + "0002" + "0908");
    }

    @Test
    void rejectsSlotsOnAPublicShareAndNoSlotsOnAProtectedOne() {
        assertThatThrownBy(() -> new ManifestHeader(ShareKind.PUBLIC, 1, List.of(new KeySlot(new byte[1])), new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ManifestHeader(ShareKind.PROTECTED, 1, List.of(), new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] encoded = new ManifestHeader(ShareKind.PROTECTED, 1, List.of(new KeySlot(new byte[60])), new byte[100])
                .encode();
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> ManifestHeader.decode(cut)).isInstanceOf(ManifestFormatException.class);
        }
        assertThatThrownBy(() -> ManifestHeader.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .hasMessageContaining("trailing");
    }

    @Test
    void aadDiffersByVersionPageAndLastFlag() {
        var locator = io.usync.core.ShareLocator.of(new byte[16]);
        assertThat(ManifestAad.page(locator, 1, 0, false)).isNotEqualTo(ManifestAad.page(locator, 1, 0, true));
        assertThat(ManifestAad.page(locator, 1, 0, true)).isNotEqualTo(ManifestAad.page(locator, 2, 0, true));
        assertThat(ManifestAad.descriptor(locator, 1)).isNotEqualTo(ManifestAad.descriptor(locator, 2));
    }
}
