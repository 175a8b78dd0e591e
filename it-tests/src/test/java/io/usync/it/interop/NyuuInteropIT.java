package io.usync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nyuu posts a small tree to INN2 and writes its NZB; {@code usync download <that.nzb>} restores
 * every file identical byte for byte. Nyuu names files by base name (its default {@code --filename})
 * and posts nothing for an empty file, so the comparison is by base name over the non-empty files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NyuuInteropIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void usyncDownloadsANyuuUploadFromItsNzbToIdenticalBytes() throws Exception {
        InnServer inn = InnServer.require();
        NyuuPoster nyuu = NyuuPoster.require();
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("several articles.bin"), 801, 300_001);
        SourceTree.writeFile(source.resolve("exactly two articles.bin"), 802, 2 * 65_536);
        SourceTree.writeFile(source.resolve("vidéo 名前 ü.bin"), 803, 70_000);
        SourceTree.writeFile(source.resolve("notes.txt"), 804, 700);
        SourceTree.writeFile(source.resolve("nested/deeper/inner.bin"), 805, 20_000);
        Files.write(source.resolve("empty.txt"), new byte[0]);
        Path nzb = dir.resolve("nyuu.nzb");
        nyuu.post(inn, source, "64K", nzb, dir.resolve("nyuu.log"));
        CliEnvironment env = CliEnvironment.create(dir.resolve("cli"), inn.host(), inn.port(), inn.group(), DB,
                DB.jdbcUrl(), "");
        Path out = dir.resolve("out");

        CliRun.Result download = CliRun.run(env.variables(), "download", nzb.toString(), "-o", out.toString());

        assertThat(download.exit()).as("%s", download).isZero();
        assertThat(Files.readString(nzb)).as("Nyuu's NZB").contains("vidéo 名前 ü.bin").doesNotContain("empty.txt");
        SourceTree.assertSameFilesByName(source, out);
    }
}
