package io.usync.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a secret lives, never the secret itself: an environment variable ({@code env:VAR}) or a
 * file ({@code file:PATH}); resolved as late as possible into a {@code char[]} the caller wipes.
 * {@code toString()} names only the kind of reference.
 */
public final class SecretRef {

    /** Largest secret file read, in bytes. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /** Where the secret is kept. */
    public enum Source {
        /** An environment variable. */
        ENV,
        /** A file whose content (without a trailing newline) is the secret. */
        FILE
    }

    private final Source source;
    private final String target;

    private SecretRef(Source source, String target) {
        this.source = source;
        this.target = target;
    }

    /** A reference to environment variable {@code name}. */
    public static SecretRef env(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("environment variable names are letters, digits and '_'");
        }
        return new SecretRef(Source.ENV, name);
    }

    /** A reference to the file at {@code path}. */
    public static SecretRef file(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path is required");
        }
        return new SecretRef(Source.FILE, path.toString());
    }

    /** Where the secret is kept. */
    public Source source() {
        return source;
    }

    /** The variable name or file path (not secret; for error messages and {@code profiles list}). */
    public String reference() {
        return (source == Source.ENV ? "env:" : "file:") + target;
    }

    /** Reads the secret from the process environment or the file. */
    public char[] resolve() {
        return resolve(name -> Optional.ofNullable(System.getenv(name)));
    }

    /** Reads the secret with the given environment lookup (for tests) or from the file. */
    public char[] resolve(Function<String, Optional<String>> environment) {
        if (source == Source.ENV) {
            String value = environment.apply(target).orElse("");
            if (value.isEmpty()) {
                throw new SecretUnavailableException("environment variable " + target
                        + " is not set or empty - export it before running usync");
            }
            return value.toCharArray();
        }
        Path path = Path.of(target);
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new SecretUnavailableException("secret file " + target + " is larger than "
                        + MAX_FILE_BYTES + " bytes - point to a file holding only the secret");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SecretUnavailableException("cannot read secret file " + target + " ("
                    + e.getClass().getSimpleName() + ") - check the path and its permissions");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            char[] out = new char[end];
            chars.get(0, out, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (out.length == 0) {
                throw new SecretUnavailableException("secret file " + target + " is empty - write the secret into it");
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new SecretUnavailableException("secret file " + target + " is not UTF-8 text - save it as UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef r && r.source == source && r.target.equals(target);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + target.hashCode();
    }

    /** Names the kind of reference only. */
    @Override
    public String toString() {
        return "SecretRef[" + source.name().toLowerCase(java.util.Locale.ROOT) + ":***]";
    }
}
