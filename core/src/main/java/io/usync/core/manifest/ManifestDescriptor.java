package io.usync.core.manifest;

import io.usync.core.ShareLocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The part of a manifest header that is sealed under the manifest key: which share and version it
 * belongs to (checked by the reader, so a swapped or rolled-back header is detected), how many
 * pages the body has, the body's length and SHA-256 (of the compressed body as posted), when it
 * was created and the previous version (0 for the first).
 */
public record ManifestDescriptor(ShareLocator locator, int version, int previousVersion, int pageCount, long bodyLength,
        byte[] bodySha256, long createdMillis) {

    /** Encoded length in bytes. */
    public static final int ENCODED_LENGTH = 16 + 4 + 4 + 4 + 8 + 32 + 8;

    /** Validates sizes and that the previous version precedes this one. */
    public ManifestDescriptor {
        if (locator == null || bodySha256 == null || bodySha256.length != 32) {
            throw new IllegalArgumentException("locator is required and body SHA-256 must be 32 bytes");
        }
        if (version < 1 || previousVersion < 0 || previousVersion >= version || pageCount < 1 || bodyLength < 1) {
            throw new IllegalArgumentException("bad descriptor: version " + version + " previous " + previousVersion
                    + " pages " + pageCount + " length " + bodyLength);
        }
        bodySha256 = bodySha256.clone();
    }

    /** A copy of the SHA-256 of the posted (compressed) body. */
    @Override
    public byte[] bodySha256() {
        return bodySha256.clone();
    }

    /** The fixed-length big-endian encoding (the plaintext that gets sealed). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ENCODED_LENGTH);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(locator.bytes());
            out.writeInt(version);
            out.writeInt(previousVersion);
            out.writeInt(pageCount);
            out.writeLong(bodyLength);
            out.write(bodySha256);
            out.writeLong(createdMillis);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes the fixed-length encoding (after the seal has been opened). */
    public static ManifestDescriptor decode(byte[] encoded) throws ManifestFormatException {
        if (encoded.length != ENCODED_LENGTH) {
            throw new ManifestFormatException("manifest descriptor has " + encoded.length + " bytes, expected "
                    + ENCODED_LENGTH);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte[] locator = in.readNBytes(16);
            int version = in.readInt();
            int previous = in.readInt();
            int pages = in.readInt();
            long length = in.readLong();
            byte[] sha = in.readNBytes(32);
            long created = in.readLong();
            return new ManifestDescriptor(ShareLocator.of(locator), version, previous, pages, length, sha, created);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestFormatException("manifest descriptor is inconsistent: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestDescriptor d && d.locator.equals(locator) && d.version == version
                && d.previousVersion == previousVersion && d.pageCount == pageCount && d.bodyLength == bodyLength
                && Arrays.equals(d.bodySha256, bodySha256) && d.createdMillis == createdMillis;
    }

    @Override
    public int hashCode() {
        return locator.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return "ManifestDescriptor[v" + version + " (prev " + previousVersion + "), " + pageCount + " pages, "
                + bodyLength + " bytes, sha256=" + HexFormat.of().formatHex(bodySha256) + "]";
    }
}
