package io.usync.upload;

import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.testing.TestDatabase;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an uploader test against the index starts from: an embedded PostgreSQL database per test,
 * the index over it, a folder to upload with files of seeded random bytes, and an upload of that
 * folder through a real cluster.
 */
abstract class IndexedUploadTestBase {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @TempDir
    Path tree;

    IndexDatabase database;
    ShareIndex index;

    @BeforeEach
    void openIndex() {
        database = IndexDatabase.open(IndexOptions.defaults().withJdbcUrl(DB.jdbcUrl(), DB.user(), DB.password()));
        index = new ShareIndex(database);
    }

    @AfterEach
    void closeIndex() {
        database.close();
    }

    /** Writes {@code size} random bytes from {@code seed} to {@code path} in the folder, its time from the seed too. */
    void write(String path, int size, long seed) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + seed));
    }

    /** Uploads the folder as a public share with {@code options} through a cluster of {@code servers}. */
    UploadReport uploadThrough(List<NntpServerOptions> servers, NntpEventListener events, UploadOptions options,
            UploadListener listener) throws Exception {
        return upload(tree, servers, events, options, listener);
    }

    /** Uploads {@code root}, another folder than the test's, like {@link #uploadThrough} and with no upload listener. */
    UploadReport uploadFolder(Path root, List<NntpServerOptions> servers, NntpEventListener events,
            UploadOptions options) throws Exception {
        return upload(root, servers, events, options, UploadListener.NONE);
    }

    private UploadReport upload(Path root, List<NntpServerOptions> servers, NntpEventListener events,
            UploadOptions options, UploadListener listener) throws Exception {
        try (NntpCluster cluster = NntpCluster.create(servers, NntpClusterOptions.defaults(), events)) {
            return new Uploader(options, new ClusterTransport(cluster), index, listener)
                    .upload(root, ShareSpec.publicShare());
        }
    }
}
