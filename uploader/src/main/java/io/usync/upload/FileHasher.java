package io.usync.upload;

import io.usync.core.SourceFile;
import io.usync.index.ContentHasher;
import io.usync.index.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/** Hashes a file under the upload root on demand (only files whose size matches but mtime differs). */
final class FileHasher implements ContentHasher {

    private final Path root;

    /** Creates a hasher for files under {@code root}. */
    FileHasher(Path root) {
        this.root = root;
    }

    @Override
    public Sha256 sha256(SourceFile file) throws IOException {
        // The readers' digest: native on CPUs with the SHA extensions, where a plain upload runs C1 only.
        MessageDigest digest = io.usync.segmenter.read.Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(root.resolve(file.path()), StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return new Sha256(digest.digest());
    }
}
