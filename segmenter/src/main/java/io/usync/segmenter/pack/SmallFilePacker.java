package io.usync.segmenter.pack;

import io.usync.core.SourceFile;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans which small files go into which pack: files in scan order (a folder's files are adjacent),
 * a folder's small files start a new pack when they would not fit the current one whole. Pure.
 */
public final class SmallFilePacker {

    private SmallFilePacker() {
    }

    /** Splits {@code files} (in scan order) into standalone files, packs and empty files. */
    public static PackPlan pack(List<SourceFile> files, PackOptions options) {
        List<Integer> standalone = new ArrayList<>();
        List<Integer> empty = new ArrayList<>();
        List<PackLayout> packs = new ArrayList<>();
        List<PackMember> current = new ArrayList<>();
        long currentBytes = 0;
        int i = 0;
        while (i < files.size()) {
            String folder = parent(files.get(i).path());
            int folderEnd = i;
            long folderSmallBytes = 0;
            while (folderEnd < files.size() && parent(files.get(folderEnd).path()).equals(folder)) {
                SourceFile f = files.get(folderEnd);
                if (f.size() > 0 && f.size() < options.smallFileThreshold()) {
                    folderSmallBytes += f.size();
                }
                folderEnd++;
            }
            if (!current.isEmpty() && currentBytes + folderSmallBytes > options.maxPackBytes()) {
                packs.add(close(packs.size(), current, currentBytes));
                current = new ArrayList<>();
                currentBytes = 0;
            }
            for (int k = i; k < folderEnd; k++) {
                SourceFile f = files.get(k);
                if (f.size() == 0) {
                    empty.add(k);
                } else if (f.size() >= options.smallFileThreshold()) {
                    standalone.add(k);
                } else {
                    if (currentBytes + f.size() > options.maxPackBytes() || current.size() >= options.maxMembers()) {
                        packs.add(close(packs.size(), current, currentBytes));
                        current = new ArrayList<>();
                        currentBytes = 0;
                    }
                    current.add(new PackMember(k, f.path(), currentBytes, f.size()));
                    currentBytes += f.size();
                }
            }
            i = folderEnd;
        }
        if (!current.isEmpty()) {
            packs.add(close(packs.size(), current, currentBytes));
        }
        return new PackPlan(standalone, packs, empty);
    }

    private static PackLayout close(int index, List<PackMember> members, long dataBytes) {
        return new PackLayout(index, members, dataBytes, dataBytes + PackTable.encodedSize(members) + PackTable.TRAILER_BYTES);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
