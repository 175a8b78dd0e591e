package io.usync.segmenter.read;

import io.usync.segmenter.pack.PackEntry;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** What the next read of a blob gave: the next segment, the end with the blob's hash, or a source file that changed. */
public sealed interface ReadStep {

    /** The next segment in order. */
    record Next(SegmentSlice slice) implements ReadStep {
    }

    /** All segments were read: the SHA-256 of the blob and, for a pack, its members with their hashes. */
    record Done(byte[] sha256, List<PackEntry> members) implements ReadStep {

        /** Copies the hash and freezes the list. */
        public Done {
            sha256 = sha256.clone();
            members = List.copyOf(members);
        }

        /** A copy of the blob's SHA-256. */
        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Done d && Arrays.equals(d.sha256, sha256) && d.members.equals(members);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return "Done[sha256=" + HexFormat.of().formatHex(sha256) + ", " + members.size() + " members]";
        }
    }

    /** A source file changed, shrank or vanished while being read: upload it again later. */
    record Changed(String path, String reason) implements ReadStep {
    }
}
