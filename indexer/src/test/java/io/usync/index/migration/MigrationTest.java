package io.usync.index.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void parsesVersionAndDescriptionFromTheFileName() {
        Migration m = Migration.fromFile("V12__add_things.sql", "SELECT 1").orElseThrow();
        assertThat(m.version()).isEqualTo(12);
        assertThat(m.description()).isEqualTo("add things");
    }

    @Test
    void ignoresFilesThatAreNotMigrations() {
        assertThat(Migration.fromFile("README.md", "x")).isEmpty();
        assertThat(Migration.fromFile("V1_single_underscore.sql", "x")).isEmpty();
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        Migration unix = new Migration(1, "a", "SELECT 1;\nSELECT 2;\n");
        Migration dos = new Migration(1, "a", "SELECT 1;\r\nSELECT 2;\r\n");
        Migration other = new Migration(1, "a", "SELECT 1;\nSELECT 3;\n");
        assertThat(unix.checksum()).isEqualTo(dos.checksum()).isNotEqualTo(other.checksum()).hasSize(64);
    }

    @Test
    void refusesEmptyScriptsAndVersionZero() {
        assertThatThrownBy(() -> new Migration(1, "a", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Migration(0, "a", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bundledMigrationsAreNumberedWithoutGapsFromOne() {
        List<Migration> all = MigrationRunner.bundled();
        assertThat(all).isNotEmpty();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).version()).isEqualTo(i + 1);
        }
    }
}
