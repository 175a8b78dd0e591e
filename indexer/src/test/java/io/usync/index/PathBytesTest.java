package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathBytesTest {

    @Test
    void encodesValidTextExactlyAsUtf8() {
        String name = "caf\u00e9/\u65e5\u672c/\uD83D\uDE00 \"q\" \t\n\\";
        assertThat(PathBytes.encode(name)).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsLoneSurrogatesInTheirThreeByteForm() {
        assertThat(PathBytes.encode("a\uD800")).containsExactly('a', 0xED, 0xA0, 0x80);
        assertThat(PathBytes.decode(PathBytes.encode("\uDFFFx\uD800"))).isEqualTo("\uDFFFx\uD800");
    }

    @Test
    void refusesNulNamingTheFile() {
        assertThatThrownBy(() -> PathBytes.encode("dir/a\0b"))
                .isInstanceOf(IndexException.InvalidValue.class)
                .hasMessage("file name contains a NUL character, which no file system allows: dir/a\\u0000b;"
                        + " rename the file");
    }

    @Test
    void refusesBytesThatAreNotWtf8() {
        assertThatThrownBy(() -> PathBytes.decode(new byte[] {(byte) 0x80}))
                .isInstanceOf(IndexException.InvalidValue.class);
        assertThatThrownBy(() -> PathBytes.decode(new byte[] {(byte) 0xE0, (byte) 0x80}))
                .isInstanceOf(IndexException.InvalidValue.class);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20261122})
    void anyStringWithoutNulRoundTrips(long seed) {
        System.out.println("PathBytesTest seed " + seed);
        Random random = new Random(seed);
        for (int n = 0; n < 2000; n++) {
            char[] chars = new char[1 + random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (1 + random.nextInt(random.nextBoolean() ? 0x7F : 0xFFFE));
            }
            String name = new String(chars);
            assertThat(PathBytes.decode(PathBytes.encode(name))).as("seed %d", seed).isEqualTo(name);
        }
    }
}
