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

    /** Applied scripts must never change (indexes in the field hold these checksums): add a new V<n> instead. */
    @Test
    void releasedMigrationsKeepTheirChecksums() {
        List<String> pinned = List.of(
                "4cea64c2d6db4e22352c802596825d516cfecd7f2587ecb90874945a610de39a",
                "4c3ed76ac9ddac046abe501bb8ecdbf2a38ac47979986935e30689cbd5325c62",
                "ce68f083ebee950cc0b66d4829aead65e3fa2062cc7bf65d42fb2b9f282578bd",
                "26d0a5f5da23bfb8ced393c331b29df2c99eb0bd068e33ec0f86b49976be60d3",
                "bbad4a75ba446c5716e509d727fdeb801e79409c79eaa47d1caa7051c6a0025a");
        List<Migration> all = MigrationRunner.bundled();
        for (int i = 0; i < pinned.size(); i++) {
            assertThat(all.get(i).checksum()).as("V" + (i + 1)).isEqualTo(pinned.get(i));
        }
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
