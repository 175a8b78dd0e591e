package io.usync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @Test
    void resolvesAnEnvironmentVariableLate() {
        SecretRef ref = SecretRef.env("NEWS_PW");
        assertThat(ref.resolve(name -> Optional.ofNullable(Map.of("NEWS_PW", "s3cret").get(name)))).containsExactly("s3cret".toCharArray());
        assertThat(ref.reference()).isEqualTo("env:NEWS_PW");
    }

    @Test
    void unsetVariableIsOneClearLineWithoutAValue() {
        assertThatThrownBy(() -> SecretRef.env("NEWS_PW").resolve(name -> Optional.empty()))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("environment variable NEWS_PW is not set or empty - export it before running usync");
    }

    @Test
    void resolvesAFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "p\u00e4ss word\r\n");
        assertThat(SecretRef.file(f).resolve()).containsExactly("p\u00e4ss word".toCharArray());
    }

    @Test
    void missingEmptyOrHugeFilesAreClearErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SecretRef.file(dir.resolve("nope")).resolve())
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("cannot read secret file");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> SecretRef.file(empty).resolve()).hasMessageContaining("is empty");
        Path big = Files.write(dir.resolve("big"), new byte[SecretRef.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> SecretRef.file(big).resolve()).hasMessageContaining("larger than");
        Path binary = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        assertThatThrownBy(() -> SecretRef.file(binary).resolve()).hasMessageContaining("not UTF-8");
    }

    @Test
    void toStringHidesTheReferenceTarget() {
        assertThat(SecretRef.env("MY_VAR").toString()).isEqualTo("SecretRef[env:***]");
        assertThat(SecretRef.file(Path.of("/secret/place")).toString()).isEqualTo("SecretRef[file:***]");
    }

    @Test
    void refusesInvalidVariableNames() {
        assertThatThrownBy(() -> SecretRef.env("A-B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretRef.env("")).isInstanceOf(IllegalArgumentException.class);
    }
}
