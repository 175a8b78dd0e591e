package io.usync.upload;

import java.util.List;

/**
 * The SHA-256 of a blob as read, and for a pack the SHA-256 of each member (in the pack's member
 * order); for a whole-file blob the blob hash is the file hash.
 */
record BlobDigest(byte[] sha256, List<byte[]> memberSha256) {

    /** Validates the hash lengths. */
    BlobDigest {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("blob SHA-256 must be 32 bytes");
        }
        memberSha256 = List.copyOf(memberSha256);
        for (byte[] member : memberSha256) {
            if (member.length != 32) {
                throw new IllegalArgumentException("member SHA-256 must be 32 bytes");
            }
        }
    }
}
