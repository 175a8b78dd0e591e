package io.usync.segmenter.scan;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Says why a file name would not survive a trip through Windows or another common file system, if it would not. */
final class PortableNames {

    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private PortableNames() {
    }

    /** The problem with one path component, or empty when it is portable. */
    static Optional<String> problem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Optional.of("control character U+" + String.format("%04X", (int) c) + " in the name");
            }
            if ("<>:\"\\|?*".indexOf(c) >= 0) {
                return Optional.of("character '" + c + "' is not allowed on Windows");
            }
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            return Optional.of("a name ending in a dot or space is changed by Windows");
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT).strip();
        if (RESERVED.contains(stem)) {
            return Optional.of("'" + stem + "' is a reserved device name on Windows");
        }
        return Optional.empty();
    }
}
