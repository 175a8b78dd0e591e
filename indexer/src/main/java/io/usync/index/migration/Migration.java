package io.usync.index.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned SQL script: its version, description, text and checksum. */
public record Migration(int version, String description, String sql) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    /** Validates the version and that the script is non-empty. */
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("migration V" + version + " is empty");
        }
    }

    /** Parses a file name {@code V<n>__<words>.sql}; empty when the name does not match. */
    public static java.util.Optional<Migration> fromFile(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql));
    }

    /** SHA-256 of the script with line endings normalised, hex. */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
