package io.usync.core.manifest;

import io.usync.core.ShareKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The manifest header article's payload for one version: magic {@code USYNC-H1}, share kind,
 * version, key slots (none for a public share) and the {@link ManifestDescriptor} sealed under the
 * manifest key with {@link ManifestAad#descriptor}. Readable before the root key is known.
 */
public record ManifestHeader(ShareKind kind, int version, List<KeySlot> keySlots, byte[] sealedDescriptor) {

    /** The eight magic bytes that start every header payload. */
    public static final byte[] MAGIC = "USYNC-H1".getBytes(StandardCharsets.US_ASCII);
    /** Most key slots a header may carry (recipients of a private share). */
    public static final int MAX_SLOTS = 1024;
    /** Longest sealed descriptor accepted. */
    public static final int MAX_SEALED_DESCRIPTOR = 1024;

    /** Validates that slots match the kind and the sizes are bounded. */
    public ManifestHeader {
        if (kind == null || version < 1 || sealedDescriptor == null || sealedDescriptor.length == 0
                || sealedDescriptor.length > MAX_SEALED_DESCRIPTOR) {
            throw new IllegalArgumentException("bad manifest header: kind " + kind + " version " + version);
        }
        keySlots = List.copyOf(keySlots);
        if (keySlots.size() > MAX_SLOTS || (kind == ShareKind.PUBLIC) != keySlots.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " share's header cannot carry " + keySlots.size()
                    + " key slots");
        }
        sealedDescriptor = sealedDescriptor.clone();
    }

    /** A copy of the sealed descriptor. */
    @Override
    public byte[] sealedDescriptor() {
        return sealedDescriptor.clone();
    }

    /** The header's wire payload (what becomes the header article's yEnc data). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(kind.code());
            out.writeInt(version);
            out.writeShort(keySlots.size());
            for (KeySlot slot : keySlots) {
                out.writeShort(slot.bytes().length);
                out.write(slot.bytes());
            }
            out.writeShort(sealedDescriptor.length);
            out.write(sealedDescriptor);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a header payload, rejecting anything malformed, oversized or trailing. */
    public static ManifestHeader decode(byte[] payload) throws ManifestFormatException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ManifestFormatException("not a usync manifest header (bad magic)");
            }
            int code = in.readUnsignedByte();
            ShareKind kind = ShareKind.ofCode(code)
                    .orElseThrow(() -> new ManifestFormatException("unknown share kind " + code + " in manifest header"));
            int version = in.readInt();
            int slotCount = in.readUnsignedShort();
            if (slotCount > MAX_SLOTS) {
                throw new ManifestFormatException("manifest header lists " + slotCount + " key slots");
            }
            List<KeySlot> slots = new ArrayList<>(slotCount);
            for (int i = 0; i < slotCount; i++) {
                int length = in.readUnsignedShort();
                if (length > KeySlot.MAX_LENGTH) {
                    throw new ManifestFormatException("key slot of " + length + " bytes");
                }
                slots.add(new KeySlot(in.readNBytes(length)));
            }
            int sealedLength = in.readUnsignedShort();
            if (sealedLength > MAX_SEALED_DESCRIPTOR) {
                throw new ManifestFormatException("sealed descriptor of " + sealedLength + " bytes");
            }
            byte[] sealed = new byte[sealedLength];
            in.readFully(sealed);
            if (in.read() != -1) {
                throw new ManifestFormatException("trailing bytes after the manifest header");
            }
            return new ManifestHeader(kind, version, slots, sealed);
        } catch (EOFException e) {
            throw new ManifestFormatException("manifest header is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException("manifest header is inconsistent: " + e.getMessage(), e);
        } catch (ManifestFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ManifestFormatException("manifest header could not be read", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestHeader h && h.kind == kind && h.version == version && h.keySlots.equals(keySlots)
                && Arrays.equals(h.sealedDescriptor, sealedDescriptor);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return "ManifestHeader[" + kind + " v" + version + ", " + keySlots.size() + " key slots]";
    }
}
