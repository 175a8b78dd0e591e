package io.usync.index;

import java.io.ByteArrayOutputStream;

/**
 * Encodes names to bytes and back without loss: UTF-8, except that an unpaired UTF-16 surrogate
 * is written in its three-byte form (WTF-8), which standard UTF-8 would replace; NUL is refused.
 */
public final class PathBytes {

    private PathBytes() {
    }

    /** Encodes {@code name}; refuses NUL with {@link IndexException.InvalidValue}. */
    public static byte[] encode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new IndexException.InvalidValue("file name contains a NUL character, which no file system"
                        + " allows: " + printable(name) + "; rename the file");
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                cp = Character.toCodePoint(c, name.charAt(++i));
            }
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** Decodes bytes written by {@link #encode(String)}. */
    public static String decode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int cp;
            int n;
            if (b < 0x80) {
                cp = b;
                n = 1;
            } else if (b >= 0xF0) {
                cp = b & 0x07;
                n = 4;
            } else if (b >= 0xE0) {
                cp = b & 0x0F;
                n = 3;
            } else if (b >= 0xC0) {
                cp = b & 0x1F;
                n = 2;
            } else {
                throw new IndexException.InvalidValue("stored name is not WTF-8 at byte " + i);
            }
            if (i + n > bytes.length) {
                throw new IndexException.InvalidValue("stored name is truncated at byte " + i);
            }
            for (int k = 1; k < n; k++) {
                int cont = bytes[i + k] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    throw new IndexException.InvalidValue("stored name is not WTF-8 at byte " + (i + k));
                }
                cp = cp << 6 | cont & 0x3F;
            }
            sb.appendCodePoint(cp);
            i += n;
        }
        return sb.toString();
    }

    /** The name with control characters escaped, for one-line messages. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(200).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
