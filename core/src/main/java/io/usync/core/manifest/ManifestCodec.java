package io.usync.core.manifest;

import io.usync.core.BlobKind;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The versioned binary encoding of a {@link Manifest} (the manifest body before compression and
 * sealing): magic {@code USYNC-M1}, format version, then label, version, article size, folders,
 * blobs, files and attempt overrides, big-endian, strings as int length + strict UTF-8.
 */
public final class ManifestCodec {

    /** The eight magic bytes that start every encoded manifest body. */
    public static final byte[] MAGIC = "USYNC-M1".getBytes(StandardCharsets.US_ASCII);
    /** The body format version this codec writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int TAG_EMPTY = 0;
    private static final int TAG_WHOLE = 1;
    private static final int TAG_PACKED = 2;

    private final ManifestLimits limits;

    /** Creates a codec that decodes within {@code limits}. */
    public ManifestCodec(ManifestLimits limits) {
        this.limits = limits;
    }

    /** Encodes {@code manifest} into {@code out} (buffered; the stream is flushed, not closed). */
    public void encode(Manifest manifest, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        writeString(data, manifest.label());
        data.writeInt(manifest.version());
        data.writeInt(manifest.articleSize());
        data.writeInt(manifest.folders().size());
        for (String folder : manifest.folders()) {
            writeString(data, folder);
        }
        data.writeInt(manifest.blobs().size());
        for (ManifestBlob blob : manifest.blobs()) {
            data.writeByte(blob.kind().ordinal());
            data.writeInt(blob.index());
            data.writeInt(blob.originVersion());
            data.writeLong(blob.size());
            data.writeInt(blob.segmentSize());
            data.writeInt(blob.segmentCount());
        }
        data.writeInt(manifest.files().size());
        for (ManifestFile file : manifest.files()) {
            writeString(data, file.path());
            data.writeLong(file.size());
            data.writeLong(file.mtimeMillis());
            data.write(file.sha256());
            switch (file.location()) {
                case FileLocation.Empty e -> data.writeByte(TAG_EMPTY);
                case FileLocation.Whole w -> {
                    data.writeByte(TAG_WHOLE);
                    data.writeInt(w.blobIndex());
                }
                case FileLocation.Packed p -> {
                    data.writeByte(TAG_PACKED);
                    data.writeInt(p.packIndex());
                    data.writeLong(p.offset());
                }
            }
        }
        data.writeInt(manifest.attempts().size());
        for (AttemptOverride o : manifest.attempts()) {
            data.writeByte(o.kind().ordinal());
            data.writeInt(o.blobIndex());
            data.writeInt(o.segmentIndex());
            data.writeInt(o.attempt());
        }
        data.flush();
    }

    /** Encodes {@code manifest} into a new byte array. */
    public byte[] encode(Manifest manifest) {
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            encode(manifest, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes one manifest from {@code in}, which must end right after it. */
    public Manifest decode(InputStream in) throws ManifestFormatException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ManifestFormatException("not a usync manifest (bad magic)");
            }
            int format = data.readInt();
            if (format != FORMAT_VERSION) {
                throw new ManifestFormatException("manifest format " + format + " is not supported; upgrade usync");
            }
            String label = readString(data);
            int version = data.readInt();
            int articleSize = data.readInt();
            int folderCount = count(data, limits.maxFolders(), "folders");
            List<String> folders = new ArrayList<>(Math.min(folderCount, 1024));
            for (int i = 0; i < folderCount; i++) {
                folders.add(readString(data));
            }
            int blobCount = count(data, limits.maxBlobs(), "blobs");
            List<ManifestBlob> blobs = new ArrayList<>(Math.min(blobCount, 1024));
            for (int i = 0; i < blobCount; i++) {
                blobs.add(new ManifestBlob(readKind(data), data.readInt(), data.readInt(), data.readLong(),
                        data.readInt(), data.readInt()));
            }
            int fileCount = count(data, limits.maxFiles(), "files");
            List<ManifestFile> files = new ArrayList<>(Math.min(fileCount, 1024));
            for (int i = 0; i < fileCount; i++) {
                files.add(readFile(data));
            }
            int attemptCount = count(data, limits.maxAttempts(), "attempt overrides");
            List<AttemptOverride> attempts = new ArrayList<>(Math.min(attemptCount, 1024));
            for (int i = 0; i < attemptCount; i++) {
                attempts.add(new AttemptOverride(readKind(data), data.readInt(), data.readInt(), data.readInt()));
            }
            if (data.read() != -1) {
                throw new ManifestFormatException("trailing bytes after the manifest");
            }
            return new Manifest(label, version, articleSize, folders, blobs, files, attempts);
        } catch (EOFException e) {
            throw new ManifestFormatException("manifest is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException("manifest is inconsistent: " + e.getMessage(), e);
        } catch (ManifestFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ManifestFormatException("manifest could not be read: " + e.getMessage(), e);
        }
    }

    /** Decodes one manifest from a byte array. */
    public Manifest decode(byte[] bytes) throws ManifestFormatException {
        return decode(new java.io.ByteArrayInputStream(bytes));
    }

    private ManifestFile readFile(DataInputStream data) throws IOException {
        String path = readString(data);
        long size = data.readLong();
        long mtime = data.readLong();
        byte[] sha = new byte[32];
        data.readFully(sha);
        int tag = data.readUnsignedByte();
        FileLocation location = switch (tag) {
            case TAG_EMPTY -> FileLocation.EMPTY;
            case TAG_WHOLE -> new FileLocation.Whole(data.readInt());
            case TAG_PACKED -> new FileLocation.Packed(data.readInt(), data.readLong());
            default -> throw new ManifestFormatException("unknown file location tag " + tag);
        };
        return new ManifestFile(path, size, mtime, sha, location);
    }

    private static BlobKind readKind(DataInputStream data) throws IOException {
        int ordinal = data.readUnsignedByte();
        BlobKind[] kinds = BlobKind.values();
        if (ordinal >= kinds.length) {
            throw new ManifestFormatException("unknown blob kind " + ordinal);
        }
        return kinds[ordinal];
    }

    private static int count(DataInputStream data, int max, String what) throws IOException {
        int n = data.readInt();
        if (n < 0 || n > max) {
            throw new ManifestFormatException("manifest lists " + n + " " + what + ", the limit is " + max);
        }
        return n;
    }

    private static void writeString(DataOutputStream data, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    private String readString(DataInputStream data) throws IOException {
        int length = count(data, limits.maxStringBytes(), "string bytes");
        byte[] bytes = new byte[length];
        data.readFully(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestFormatException("manifest holds a string that is not UTF-8", e);
        }
    }
}
