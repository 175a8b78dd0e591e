package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.KdfParametersException;
import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordKdfTest {

    private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private final KdfParameters small = KdfParameters.of(SALT, 64, 1, 1);

    @Test
    void derivesTheSameKeyForTheSamePasswordAndSalt() {
        assertThat(PasswordKdf.derive("correct horse".toCharArray(), small).getEncoded())
                .hasSize(32)
                .isEqualTo(PasswordKdf.derive("correct horse".toCharArray(), small).getEncoded());
    }

    @Test
    void differentPasswordSaltOrCostGiveDifferentKeys() {
        byte[] base = PasswordKdf.derive("pw".toCharArray(), small).getEncoded();
        byte[] salt2 = SALT.clone();
        salt2[0] = 9;
        assertThat(PasswordKdf.derive("pw2".toCharArray(), small).getEncoded()).isNotEqualTo(base);
        assertThat(PasswordKdf.derive("pw".toCharArray(), KdfParameters.of(salt2, 64, 1, 1)).getEncoded()).isNotEqualTo(base);
        assertThat(PasswordKdf.derive("pw".toCharArray(), KdfParameters.of(SALT, 64, 2, 1)).getEncoded()).isNotEqualTo(base);
    }

    @Test
    void wrongPasswordDoesNotUnwrapTheRootKey() {
        SecureRandom random = new SecureRandom();
        RootKey root = RootKey.generate(random);
        byte[] aad = ShareLocator.random(random).bytes();
        byte[] slot = RootKeyWrap.wrap(PasswordKdf.derive("right".toCharArray(), small), root, aad, random);
        assertThat(slot).hasSize(RootKeyWrap.WRAPPED_LENGTH);
        assertThat(RootKeyWrap.unwrap(PasswordKdf.derive("right".toCharArray(), small), slot, aad)).contains(root);
        assertThat(RootKeyWrap.unwrap(PasswordKdf.derive("wrong".toCharArray(), small), slot, aad)).isEmpty();
        assertThat(RootKeyWrap.unwrap(PasswordKdf.derive("right".toCharArray(), small), slot, new byte[16])).isEmpty();
    }

    @Test
    void refusesParametersAboveTheCaps() {
        assertThatThrownBy(() -> KdfParameters.of(SALT, KdfParameters.MAX_MEMORY_KIB + 1, 3, 1))
                .isInstanceOf(KdfParametersException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> KdfParameters.of(SALT, 65536, 11, 1))
                .isInstanceOf(KdfParametersException.class).hasMessageContaining("iterations");
        assertThatThrownBy(() -> KdfParameters.of(SALT, 65536, 3, 9))
                .isInstanceOf(KdfParametersException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> KdfParameters.of(new byte[8], 65536, 3, 1))
                .isInstanceOf(KdfParametersException.class).hasMessageContaining("salt");
    }

    @Test
    void refusesAHostileEncodingBeforeAllocating() {
        ByteBuffer hostile = ByteBuffer.allocate(KdfParameters.ENCODED_LENGTH).put(SALT).putInt(-1)
                .put((byte) 3).put((byte) 1).flip();
        assertThatThrownBy(() -> KdfParameters.read(hostile)).isInstanceOf(KdfParametersException.class)
                .hasMessageContaining("4294967295");
        assertThatThrownBy(() -> KdfParameters.read(ByteBuffer.allocate(5))).isInstanceOf(KdfParametersException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void encodingRoundTripsAndDefaultsAreSane() {
        KdfParameters d = KdfParameters.defaults(new SecureRandom());
        assertThat(d.memoryKib()).isEqualTo(65536);
        assertThat(d.iterations()).isEqualTo(3);
        ByteBuffer b = ByteBuffer.allocate(KdfParameters.ENCODED_LENGTH);
        d.write(b);
        assertThat(KdfParameters.read(b.flip())).isEqualTo(d);
    }
}
