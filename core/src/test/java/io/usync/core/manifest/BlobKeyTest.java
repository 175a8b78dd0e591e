package io.usync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlobKeyTest {

    @Test
    void keysOfTheSameKindAndIndexAreEqualWithEqualHashes() {
        assertThat(new BlobKey(BlobKind.PACK, 7)).isEqualTo(new BlobKey(BlobKind.PACK, 7))
                .hasSameHashCodeAs(new BlobKey(BlobKind.PACK, 7));
    }

    @Test
    void keysDifferingInKindOrIndexAreNotEqual() {
        BlobKey key = new BlobKey(BlobKind.FILE, 3);
        assertThat(key).isNotEqualTo(new BlobKey(BlobKind.PACK, 3)).isNotEqualTo(new BlobKey(BlobKind.FILE, 4))
                .isNotEqualTo(null).isNotEqualTo("FILE/3");
    }

    @Test
    void aSetKeepsOneEntryPerKindAndIndex() {
        Set<BlobKey> keys = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (BlobKind kind : BlobKind.values()) {
                for (int i = 0; i < 1000; i++) {
                    keys.add(new BlobKey(kind, i));
                }
            }
        }
        assertThat(keys).hasSize(2000).contains(new BlobKey(BlobKind.PACK, 999), new BlobKey(BlobKind.FILE, 0));
    }

    @Test
    void rejectsANegativeIndexOrNoKind() {
        assertThatThrownBy(() -> new BlobKey(BlobKind.FILE, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobKey(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
