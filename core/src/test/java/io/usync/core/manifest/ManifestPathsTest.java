package io.usync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/\u001b[2Jabs", "a/../\u001b]0;title\u0007", "\u001b[31m/", "x//\u009b2J", "ok/\u0085next",
            "tab\there", "del\u007f"})
    void refusesTheNameWithAMessageThatCarriesNoControlCharacter(String path) {
        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> ManifestPaths.requireRelative(path));

        assertThat(refused).as(path).isNotNull();
        assertThat(refused.getMessage().chars().filter(Character::isISOControl)).isEmpty();
        assertThat(refused.getMessage()).contains("?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "dir/file.bin", "名前/ファイル", "a b/c.d", "..a/b..", ".hidden"})
    void acceptsPlainRelativeNames(String path) {
        assertThatCode(() -> ManifestPaths.requireRelative(path)).doesNotThrowAnyException();
    }
}
