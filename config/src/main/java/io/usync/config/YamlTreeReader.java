package io.usync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Builds a located {@link YamlNode} tree from YAML text with Jackson's streaming YAML parser. */
final class YamlTreeReader {

    private static final int MAX_DEPTH = 32;

    private final String file;
    private final YAMLFactory factory = new YAMLFactory();

    YamlTreeReader(String file) {
        this.file = file;
    }

    /** Parses one YAML document; an empty document is an error. */
    YamlNode read(String text) {
        try (JsonParser parser = factory.createParser(new StringReader(text))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(file + ":1:1: the file is empty - start from docs/usync.example.yaml");
            }
            YamlNode root = node(parser, 0);
            if (parser.nextToken() != null) {
                throw ConfigException.at(file, location(parser.currentTokenLocation()),
                        "more than one YAML document", "keep a single document (remove the '---' separator)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            Location where = l == null ? new Location(1, 1) : location(l);
            throw ConfigException.at(file, where, "YAML syntax error: " + firstLine(e.getOriginalMessage()),
                    "fix the indentation or quoting near this point");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ") - check the file");
        }
    }

    private YamlNode node(JsonParser parser, int depth) throws IOException {
        Location at = location(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw ConfigException.at(file, at, "nesting deeper than " + MAX_DEPTH, "flatten the configuration");
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyAt = location(parser.currentTokenLocation());
                    parser.nextToken();
                    YamlNode value = node(parser, depth + 1);
                    if (entries.putIfAbsent(key, new YamlNode.Entry(keyAt, value)) != null) {
                        throw ConfigException.at(file, keyAt, "duplicate key '" + key + "'", "keep only one '" + key + "'");
                    }
                }
                return new YamlNode.Mapping(at, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, depth + 1));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(at, YamlNode.Kind.STRING, parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(at, YamlNode.Kind.INTEGER, parser.getBigIntegerValue().toString());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(at, YamlNode.Kind.DECIMAL, parser.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(at, YamlNode.Kind.BOOLEAN, token == JsonToken.VALUE_TRUE ? "true" : "false");
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(at, YamlNode.Kind.NULL, "");
            }
            default -> throw ConfigException.at(file, at, "unsupported YAML content (" + token + ")",
                    "use plain mappings, lists and scalars");
        }
    }

    private static Location location(JsonLocation l) {
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        String line = message.lines().findFirst().orElse("unreadable YAML").strip();
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
