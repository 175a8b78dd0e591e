package io.usync.core.nzb;

/** One {@code <meta type="...">value</meta>} entry of an NZB head (title, password, tag, category). */
public record NzbMeta(String type, String value) {

    /** Validates that both parts are present. */
    public NzbMeta {
        if (type == null || type.isBlank() || value == null) {
            throw new IllegalArgumentException("meta needs a type and a value");
        }
    }
}
