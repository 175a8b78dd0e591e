package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void derivesFourDistinctKeysDeterministically() {
        RootKey root = RootKey.of(new byte[32]);
        ShareKeys a = ShareKeys.derive(root);
        ShareKeys b = ShareKeys.derive(RootKey.of(new byte[32]));
        List<byte[]> keys = List.of(a.data().getEncoded(), a.manifest().getEncoded(), a.messageId().getEncoded(),
                a.subject().getEncoded());
        assertThat(keys).allSatisfy(k -> assertThat(k).hasSize(32));
        assertThat(Set.of(HEX.formatHex(keys.get(0)), HEX.formatHex(keys.get(1)), HEX.formatHex(keys.get(2)),
                HEX.formatHex(keys.get(3)))).hasSize(4);
        assertThat(b.data().getEncoded()).isEqualTo(a.data().getEncoded());
        assertThat(a.toString()).doesNotContain(HEX.formatHex(keys.get(0)));
    }

    @Test
    void differentRootKeysGiveDifferentKeys() {
        byte[] one = new byte[32];
        one[0] = 1;
        assertThat(ShareKeys.derive(RootKey.of(one)).data().getEncoded())
                .isNotEqualTo(ShareKeys.derive(RootKey.of(new byte[32])).data().getEncoded());
    }

    @Test
    void rootKeyHidesItsBytesAndCanBeDestroyed() {
        RootKey key = RootKey.generate();
        assertThat(key.toString()).isEqualTo("RootKey[hidden]");
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(key::bytes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RootKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
