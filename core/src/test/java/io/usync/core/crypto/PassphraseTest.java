package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassphraseTest {

    @Test
    void neverShowsThePasswordAndComparesByContent() {
        Passphrase p = new Passphrase("correct horse".toCharArray());
        assertThat(p.toString()).doesNotContain("correct").doesNotContain("horse");
        assertThat(p).isEqualTo(new Passphrase("correct horse".toCharArray()))
                .isNotEqualTo(new Passphrase("battery staple".toCharArray()));
    }

    @Test
    void keepsItsOwnCopySoCallersCanWipeTheirs() {
        char[] typed = "secret".toCharArray();
        Passphrase p = new Passphrase(typed);
        java.util.Arrays.fill(typed, '\0');
        char[] out = p.chars();
        assertThat(out).containsExactly("secret".toCharArray());
        java.util.Arrays.fill(out, '\0');
        assertThat(p.chars()).containsExactly("secret".toCharArray());
    }

    @Test
    void refusesAnEmptyPassword() {
        assertThatThrownBy(() -> new Passphrase(new char[0])).hasMessageContaining("empty");
    }
}
