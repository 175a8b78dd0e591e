package io.usync.core.path;

import java.nio.file.Path;

/** The outcome of checking a hostile name: a path inside the target directory, or the reason it was refused. */
public sealed interface SafePath {

    /** The name is acceptable; {@code path} lies under the root and {@code relative} is its normalised '/' form. */
    record Safe(Path path, String relative) implements SafePath {
        /** Validates presence. */
        public Safe {
            if (path == null || relative == null || relative.isEmpty()) {
                throw new IllegalArgumentException("path and relative name are required");
            }
        }
    }

    /** The name was refused; {@code name} is the raw input (print it with {@link #printableName()}). */
    record Rejected(String name, String reason) implements SafePath {
        /** Validates presence. */
        public Rejected {
            if (name == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("name and reason are required");
            }
        }

        /** The name with control and non-ASCII-printable characters escaped, clipped for one-line reports. */
        public String printableName() {
            StringBuilder b = new StringBuilder();
            name.codePoints().limit(200).forEach(cp -> {
                if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || Character.isSurrogate((char) cp)
                        && cp <= 0xffff) {
                    b.append(String.format("\\u%04x", cp));
                } else {
                    b.appendCodePoint(cp);
                }
            });
            if (name.codePointCount(0, name.length()) > 200) {
                b.append("...");
            }
            return b.toString();
        }

        /** One line for a report: the printable name and the reason. */
        public String describe() {
            return "refused name '" + printableName() + "': " + reason;
        }
    }
}
