package io.usync.core.manifest;

import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a sealed manifest descriptor to its share and version, and a
 * sealed manifest page to its share, version, page index and last-page flag, so a page from another
 * version or share, a reordered page or a truncated body fails to open.
 */
public final class ManifestAad {

    private static final byte[] DESCRIPTOR = "usync/v1/manifest-descriptor".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE = "usync/v1/manifest-page".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_SLOT = "usync/v1/key-slot".getBytes(StandardCharsets.US_ASCII);

    private ManifestAad() {
    }

    /** Associated data of version {@code version}'s sealed descriptor. */
    public static byte[] descriptor(ShareLocator locator, int version) {
        return ByteBuffer.allocate(DESCRIPTOR.length + ShareLocator.LENGTH + 4)
                .put(DESCRIPTOR).put(locator.bytes()).putInt(version).array();
    }

    /** Associated data of page {@code page} (0-based) of version {@code version}'s body. */
    public static byte[] page(ShareLocator locator, int version, int page, boolean last) {
        return ByteBuffer.allocate(PAGE.length + ShareLocator.LENGTH + 9)
                .put(PAGE).put(locator.bytes()).putInt(version).putInt(page).put((byte) (last ? 1 : 0)).array();
    }

    /** Associated data of a password key slot (the root key sealed under the password-derived key). */
    public static byte[] keySlot(ShareLocator locator) {
        return ByteBuffer.allocate(KEY_SLOT.length + ShareLocator.LENGTH).put(KEY_SLOT).put(locator.bytes()).array();
    }
}
