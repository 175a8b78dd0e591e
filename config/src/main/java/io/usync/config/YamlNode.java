package io.usync.config;

import java.util.LinkedHashMap;
import java.util.List;

/** A YAML node that remembers where it came from, so every error can name its line and column. */
sealed interface YamlNode {

    /** Where the node starts. */
    Location location();

    /** A human word for the node's type, for error messages. */
    String typeName();

    /** A mapping; keys keep their own locations for "unknown key" errors. */
    record Mapping(Location location, LinkedHashMap<String, Entry> entries) implements YamlNode {
        @Override
        public String typeName() {
            return "a mapping";
        }
    }

    /** One key of a mapping with its value. */
    record Entry(Location keyLocation, YamlNode value) {
    }

    /** A sequence. */
    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        @Override
        public String typeName() {
            return "a list";
        }
    }

    /** A scalar with its YAML-resolved kind. */
    record Scalar(Location location, Kind kind, String text) implements YamlNode {
        @Override
        public String typeName() {
            return switch (kind) {
                case STRING -> "text";
                case INTEGER -> "a whole number";
                case DECIMAL -> "a decimal number";
                case BOOLEAN -> "true/false";
                case NULL -> "nothing";
            };
        }
    }

    /** How YAML resolved a scalar. */
    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
}
