package io.usync.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {

    @TempDir
    Path root;

    private final SafePaths paths = SafePaths.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"file.bin", "a/b/c.txt", "dir\\sub\\file.txt", "\u00fcber/\u65e5\u672c\u8a9e.txt", "a..b",
        "..hidden", ".config/x", "file.", "CONSOLE.txt", "com10", "lpt", "name with spaces.mkv", "Movie: Title.mkv",
        "emoji \ud83d\ude00.png"})
    void acceptsOrdinaryNamesAndKeepsThemUnderTheRoot(String name) {
        SafePath result = paths.resolve(root, name);
        assertThat(result).isInstanceOf(SafePath.Safe.class);
        SafePath.Safe safe = (SafePath.Safe) result;
        assertThat(safe.path().startsWith(root.toAbsolutePath().normalize())).isTrue();
        assertThat(safe.relative()).doesNotContain("\\");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc/passwd|'.' or '..' segment",
        "a/../../b|'.' or '..' segment",
        "a/..|'.' or '..' segment",
        "..\\..\\windows|'.' or '..' segment",
        "./a|'.' or '..' segment",
        "a/. /b|'.' or '..' segment",
        "/etc/passwd|absolute path",
        "\\windows\\system32|absolute path",
        "\\\\server\\share\\x|UNC or network path",
        "//server/share|UNC or network path",
        "C:\\Windows\\x|drive letter",
        "c:relative|drive letter",
        "a/C:|drive letter",
        "CON|device name",
        "con.txt|device name",
        "dir/NUL|device name",
        "aux.tar.gz|device name",
        "COM1|device name",
        "lpt9.log|device name",
        "prn |device name",
        "a//b|empty path segment",
        "a/b/|empty path segment",
        "a/|empty path segment",
    })
    void refusesHostileNamesWithAReason(String name, String reason) {
        SafePath result = paths.resolve(root, name);
        assertThat(result).isInstanceOf(SafePath.Rejected.class);
        assertThat(((SafePath.Rejected) result).reason()).contains(reason);
    }

    @Test
    void refusesControlCharactersAndSaysWhere() {
        for (String name : new String[] {"a\u0000b", "line\nbreak", "tab\tname", "esc\u001b[31m", "del\u007f", "c1\u0085"}) {
            SafePath.Rejected r = (SafePath.Rejected) paths.resolve(root, name);
            assertThat(r.reason()).contains("control character");
            assertThat(r.describe()).doesNotContain("\n").doesNotContain("\u0000").contains("\\u00");
        }
    }

    @Test
    void refusesBidirectionalOverridesThatDisguiseExtensions() {
        SafePath.Rejected r = (SafePath.Rejected) paths.resolve(root, "invoice\u202Efdp.exe");
        assertThat(r.reason()).contains("bidirectional");
    }

    @Test
    void refusesEmptyAndInvalidUnicodeNames() {
        assertThat(((SafePath.Rejected) paths.resolve(root, "")).reason()).isEqualTo("empty name");
        assertThat(((SafePath.Rejected) paths.resolve(root, null)).reason()).isEqualTo("empty name");
        assertThat(((SafePath.Rejected) paths.resolve(root, "bad\ud800x")).reason()).contains("Unicode");
    }

    @Test
    void refusesOverLongComponentsAndPaths() {
        assertThat(paths.resolve(root, "a".repeat(255))).isInstanceOf(SafePath.Safe.class);
        assertThat(((SafePath.Rejected) paths.resolve(root, "a".repeat(256))).reason()).contains("255 bytes");
        assertThat(((SafePath.Rejected) paths.resolve(root, "\u00e9".repeat(128))).reason()).contains("255 bytes");
        String deep = ("d".repeat(100) + "/").repeat(41) + "f";
        assertThat(((SafePath.Rejected) paths.resolve(root, deep)).reason()).contains("4096 bytes");
    }

    @RepeatedTest(20)
    void randomNamesNeverEscapeTheRoot() {
        long seed = System.nanoTime();
        System.out.println("SafePathsTest seed " + seed);
        Random r = new Random(seed);
        String[] atoms = {"..", ".", "/", "\\", "a", "b.txt", "C:", "CON", "\u0000", " ", "~", "%2e%2e", "\u00e9", "//"};
        for (int n = 0; n < 200; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(8) + 1;
            for (int i = 0; i < len; i++) {
                b.append(atoms[r.nextInt(atoms.length)]);
            }
            SafePath result = paths.resolve(root, b.toString());
            if (result instanceof SafePath.Safe safe) {
                assertThat(safe.path().normalize().startsWith(root.toAbsolutePath().normalize())).isTrue();
                assertThat(safe.path()).isNotEqualTo(root.toAbsolutePath().normalize());
            }
        }
    }
}
