package io.usync.core.path;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a hostile relative name (from a manifest, an NZB subject or a yEnc header) under a target
 * directory, or refuses it with a reason: '..' and '.' segments, absolute and UNC paths, drive
 * letters, Windows device names, control and bidirectional-override characters, empty segments, invalid Unicode and names
 * that are too long. Both '/' and '\' separate segments. The check is lexical; it does not follow
 * symbolic links already present under the root.
 */
public final class SafePaths {

    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$", "clock$");
    private static final Pattern NUMBERED_DEVICE = Pattern.compile("(com|lpt)[0-9\u00b9\u00b2\u00b3]");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private final SafePathOptions options;

    /** Creates a resolver with the given bounds. */
    public SafePaths(SafePathOptions options) {
        this.options = options;
    }

    /** A resolver with the default bounds. */
    public static SafePaths defaults() {
        return new SafePaths(SafePathOptions.defaults());
    }

    /** Resolves {@code name} under {@code root}, or says why it is refused. */
    public SafePath resolve(Path root, String name) {
        if (name == null || name.isEmpty()) {
            return new SafePath.Rejected(name == null ? "" : name, "empty name");
        }
        String reason = firstProblem(name);
        if (reason != null) {
            return new SafePath.Rejected(name, reason);
        }
        String relative = name.replace('\\', '/');
        Path base = root.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = base;
            for (String part : relative.split("/", -1)) {
                resolved = resolved.resolve(part);
            }
        } catch (InvalidPathException e) {
            return new SafePath.Rejected(name, "not a valid file name here (" + e.getReason() + ")");
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            return new SafePath.Rejected(name, "escapes the target directory");
        }
        return new SafePath.Safe(resolved, relative);
    }

    private String firstProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "control character at position " + (i + 1);
            }
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
                return "bidirectional control character at position " + (i + 1) + " (can disguise the name)";
            }
        }
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException e) {
            return "invalid Unicode (unpaired surrogate)";
        }
        if (utf8.length > options.maxPathBytes()) {
            return "path longer than " + options.maxPathBytes() + " bytes";
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return name.startsWith("\\\\") || name.startsWith("//") ? "UNC or network path" : "absolute path";
        }
        if (DRIVE.matcher(name).matches()) {
            return "drive letter";
        }
        String relative = name.replace('\\', '/');
        for (String part : relative.split("/", -1)) {
            String problem = componentProblem(part);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String componentProblem(String part) {
        if (part.isEmpty()) {
            return "empty path segment";
        }
        String trimmed = stripTrailingDotsAndSpaces(part);
        if (trimmed.isEmpty()) {
            return "'.' or '..' segment";
        }
        if (part.getBytes(StandardCharsets.UTF_8).length > options.maxComponentBytes()) {
            return "name component longer than " + options.maxComponentBytes() + " bytes";
        }
        int dot = trimmed.indexOf('.');
        String stem = (dot < 0 ? trimmed : trimmed.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        if (DEVICES.contains(stem) || NUMBERED_DEVICE.matcher(stem).matches()) {
            return "Windows device name '" + stem.toUpperCase(Locale.ROOT) + "'";
        }
        if (part.indexOf(':') >= 0 && part.length() == 2 && Character.isLetter(part.charAt(0))) {
            return "drive letter";
        }
        return null;
    }

    private static String stripTrailingDotsAndSpaces(String part) {
        int end = part.length();
        while (end > 0 && (part.charAt(end - 1) == '.' || part.charAt(end - 1) == ' ')) {
            end--;
        }
        return part.substring(0, end);
    }
}
