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
 * {@code usync upload --plain --nzb} of a small tree to INN2, then NZBGet downloads that NZB from
 * INN2: every file comes back identical byte for byte. The NZB names files by their base name (the
 * usual plain-mode convention), so NZBGet puts them all in one folder, and an empty file has no
 * article and no NZB entry, so NZBGet cannot create it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NzbgetInteropIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void nzbgetDownloadsAPlainUploadToIdenticalBytes() throws Exception {
        InnServer inn = InnServer.require();
        NzbgetDownloader nzbget = NzbgetDownloader.require(dir.resolve("nzbget"));
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("several articles.bin"), 701, 150_000);
        SourceTree.writeFile(source.resolve("vidéo 名前 ü.bin"), 702, 40_000);
        SourceTree.writeFile(source.resolve("notes.txt"), 703, 900);
        SourceTree.writeFile(source.resolve("nested/deeper/inner.bin"), 704, 20_000);
        Files.write(source.resolve("empty.txt"), new byte[0]);
        CliEnvironment env = CliEnvironment.create(dir.resolve("cli"), inn.host(), inn.port(), inn.group(), DB,
                DB.jdbcUrl(), "");
        Path nzb = dir.resolve("tree.nzb");

        CliRun.Result upload = CliRun.run(env.variables(), "upload", "--plain", "--nzb", nzb.toString(), source.toString());

        assertThat(upload.exit()).as("%s", upload).isZero();
        assertThat(Files.readString(nzb)).as("NZB").contains("vidéo 名前 ü.bin").doesNotContain("empty.txt");
        Path downloaded = nzbget.download(inn, nzb);
        SourceTree.assertSameFilesByName(source, downloaded);
    }
}
