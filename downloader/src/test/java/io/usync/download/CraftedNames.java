package io.usync.download;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts names into an encoded manifest that {@code Manifest} itself refuses ({@code ../x},
 * {@code /abs}, control characters): the manifest is built with harmless stand-ins of the same
 * UTF-8 length, then each stand-in is replaced byte for byte in its encoding.
 */
public final class CraftedNames {

    private final Map<String, String> names = new LinkedHashMap<>();

    /** A harmless relative name of the same UTF-8 length as {@code name}, to build the manifest with. */
    public String standIn(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        String tag = "s" + names.size() + "q";
        if (length < tag.length() + 1) {
            throw new IllegalArgumentException("crafted names need at least " + (tag.length() + 1) + " bytes: " + name);
        }
        String standIn = tag + "z".repeat(length - tag.length());
        names.put(standIn, name);
        return standIn;
    }

    /** {@code encoded} (a manifest encoding) with every stand-in replaced by its name, in place. */
    public byte[] apply(byte[] encoded) {
        names.forEach((standIn, name) -> replaceOnce(encoded, standIn.getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8)));
        return encoded;
    }

    /** Replaces the single length-prefixed occurrence of {@code from} in {@code bytes} by {@code to} (same length). */
    private static void replaceOnce(byte[] bytes, byte[] from, byte[] to) {
        byte[] pattern = ByteBuffer.allocate(4 + from.length).putInt(from.length).put(from).array();
        int found = -1;
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("stand-in occurs twice in the manifest");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("stand-in not found in the manifest");
        }
        System.arraycopy(to, 0, bytes, found + 4, to.length);
    }
}
