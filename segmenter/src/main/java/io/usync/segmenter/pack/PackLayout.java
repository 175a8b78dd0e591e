package io.usync.segmenter.pack;

import java.util.List;

/** One pack blob as planned: its index, its members in order, and the sizes of its data and of the whole blob (data, table, trailer). */
public record PackLayout(int packIndex, List<PackMember> members, long dataBytes, long blobBytes) {

    /** Validates and freezes the member list. */
    public PackLayout {
        members = List.copyOf(members);
        if (packIndex < 0 || members.isEmpty() || dataBytes < 0 || blobBytes <= dataBytes) {
            throw new IllegalArgumentException("bad pack layout " + packIndex);
        }
    }
}
