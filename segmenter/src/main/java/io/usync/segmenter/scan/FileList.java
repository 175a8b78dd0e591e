package io.usync.segmenter.scan;

import io.usync.core.SourceFile;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An immutable list of scanned files stored as parallel arrays (a path string, a size and an mtime
 * per file); {@link SourceFile} values are made on access, so 200,000 files cost 200,000 strings.
 */
public final class FileList extends AbstractList<SourceFile> implements RandomAccess {

    private final String[] paths;
    private final long[] sizes;
    private final long[] mtimes;
    private final int size;

    private FileList(String[] paths, long[] sizes, long[] mtimes, int size) {
        this.paths = paths;
        this.sizes = sizes;
        this.mtimes = mtimes;
        this.size = size;
    }

    @Override
    public SourceFile get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new SourceFile(paths[index], sizes[index], mtimes[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** The relative path of file {@code index} without making a {@link SourceFile}. */
    public String path(int index) {
        return paths[index];
    }

    /** The size of file {@code index} without making a {@link SourceFile}. */
    public long fileSize(int index) {
        return sizes[index];
    }

    /** The total size of all files. */
    public long totalBytes() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += sizes[i];
        }
        return total;
    }

    /** Collects files in order; not thread-safe. */
    static final class Builder {
        private String[] paths = new String[64];
        private long[] sizes = new long[64];
        private long[] mtimes = new long[64];
        private int size;

        void add(String path, long fileSize, long mtime) {
            if (size == paths.length) {
                int grown = size * 2;
                paths = Arrays.copyOf(paths, grown);
                sizes = Arrays.copyOf(sizes, grown);
                mtimes = Arrays.copyOf(mtimes, grown);
            }
            paths[size] = path;
            sizes[size] = fileSize;
            mtimes[size] = mtime;
            size++;
        }

        FileList build() {
            return new FileList(Arrays.copyOf(paths, size), Arrays.copyOf(sizes, size), Arrays.copyOf(mtimes, size), size);
        }
    }
}
