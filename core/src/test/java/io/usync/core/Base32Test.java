package io.usync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    @ParameterizedTest
    @CsvSource({"'',''", "f,my", "fo,mzxq", "foo,mzxw6", "foob,mzxw6yq", "fooba,mzxw6ytb", "foobar,mzxw6ytboi"})
    void matchesRfc4648VectorsInLowercaseWithoutPadding(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
        assertThat(new String(Base32.decode(encoded.toUpperCase()), StandardCharsets.US_ASCII)).isEqualTo(plain);
    }

    @RepeatedTest(5)
    void roundTripsRandomBytes() {
        long seed = System.nanoTime();
        System.out.println("Base32Test seed " + seed);
        Random r = new Random(seed);
        byte[] data = new byte[r.nextInt(100)];
        r.nextBytes(data);
        assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Base32.decode("mzx1")).hasMessageContaining("position 4");
        assertThatThrownBy(() -> Base32.decode("mzxw6=")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsImpossibleLengthsAndTrailingBits() {
        assertThatThrownBy(() -> Base32.decode("m")).hasMessageContaining("length");
        assertThatThrownBy(() -> Base32.decode("mz")).hasMessageContaining("trailing bits");
    }
}
