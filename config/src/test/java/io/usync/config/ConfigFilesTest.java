package io.usync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @Test
    void theShippedExampleConfigLoads() {
        Path example = Path.of("..", "docs", "usync.example.yaml");
        UsyncConfig c = ConfigLoader.load(example);
        assertThat(c.servers()).extracting(ServerProfile::name).containsExactly("primary", "backup");
        assertThat(c.servers().getFirst().password()).contains(SecretRef.env("USYNC_PRIMARY_PASSWORD"));
        assertThat(c.upload()).isEqualTo(UploadSettings.defaults());
        assertThat(c.download()).isEqualTo(DownloadSettings.defaults());
        assertThat(c.index().embedded()).isTrue();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void relativeSecretPathsResolveAgainstTheConfigDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                servers:
                  - name: a
                    host: h
                    roles: [read]
                    username: u
                    password: file:secrets/pw
                """);
        assertThat(ConfigLoader.load(file).servers().getFirst().password())
                .contains(SecretRef.file(dir.toAbsolutePath().resolve("secrets/pw")));
    }

    @Test
    void missingOrUnreadableFilesAreOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file - create it (see docs/usync.example.yaml) or pass --config");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(latin1)).hasMessageContaining("not UTF-8");
        Path big = Files.write(dir.resolve("big.yaml"), new byte[ConfigLoader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.load(big)).hasMessageContaining("larger than");
    }

    @Test
    void xdgVariablesDecideTheDefaultLocations() {
        Path home = Path.of("/home/u");
        ConfigPaths set = ConfigPaths.of(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data",
                "XDG_STATE_HOME", "/state", "XDG_CACHE_HOME", "/cache"), home);
        assertThat(set.configFile()).isEqualTo(Path.of("/cfg/usync/config.yaml"));
        assertThat(set.dataDirectory()).isEqualTo(Path.of("/data/usync"));
        assertThat(set.embeddedDatabaseDirectory()).isEqualTo(Path.of("/data/usync/pg"));
        assertThat(set.stateDirectory()).isEqualTo(Path.of("/state/usync"));
        assertThat(set.cacheDirectory()).isEqualTo(Path.of("/cache/usync"));
    }

    @Test
    void unsetEmptyOrRelativeXdgVariablesFallBackToHome() {
        Path home = Path.of("/home/u");
        ConfigPaths d = ConfigPaths.of(Map.of("XDG_CONFIG_HOME", "", "XDG_DATA_HOME", "relative/dir"), home);
        assertThat(d.configFile()).isEqualTo(Path.of("/home/u/.config/usync/config.yaml"));
        assertThat(d.dataDirectory()).isEqualTo(Path.of("/home/u/.local/share/usync"));
        assertThat(d.stateDirectory()).isEqualTo(Path.of("/home/u/.local/state/usync"));
        assertThat(d.cacheDirectory()).isEqualTo(Path.of("/home/u/.cache/usync"));
        assertThat(ConfigPaths.fromEnvironment().configFile().toString()).endsWith("usync/config.yaml");
    }
}
