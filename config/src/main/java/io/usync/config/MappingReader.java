package io.usync.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, located access to one YAML mapping: each getter checks type and range and fails with
 * {@code file:line:column: what - fix}; {@link #finish()} rejects keys nobody asked for.
 */
final class MappingReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final String file;
    private final String section;
    private final YamlNode.Mapping mapping;
    private final Set<String> known = new HashSet<>();

    MappingReader(String file, String section, YamlNode node) {
        this.file = file;
        this.section = section;
        if (!(node instanceof YamlNode.Mapping m)) {
            throw ConfigException.at(file, node.location(), section + " must be a mapping, found " + node.typeName(),
                    "write it as 'key: value' lines indented under '" + section + "'");
        }
        this.mapping = m;
    }

    String file() {
        return file;
    }

    Location location() {
        return mapping.location();
    }

    /** The raw node of a key, if present and not null. */
    Optional<YamlNode> node(String key) {
        known.add(key);
        YamlNode.Entry e = mapping.entries().get(key);
        if (e == null || e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** The location of a key, or of the mapping when the key is absent. */
    Location keyLocation(String key) {
        YamlNode.Entry e = mapping.entries().get(key);
        return e == null ? mapping.location() : e.keyLocation();
    }

    YamlNode required(String key, String fix) {
        return node(key).orElseThrow(() -> ConfigException.at(file, mapping.location(),
                section + " is missing '" + key + "'", fix));
    }

    Optional<String> string(String key) {
        return node(key).map(n -> text(key, n));
    }

    String requiredString(String key, String fix) {
        return text(key, required(key, fix));
    }

    String text(String key, YamlNode n) {
        if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
            return s.text();
        }
        throw ConfigException.at(file, n.location(), section + "." + key + " must be text, found " + n.typeName(),
                "write a text value (quote it if needed)");
    }

    int integer(String key, int min, int max, int fallback) {
        return optionalInteger(key, min, max).orElse(fallback);
    }

    Optional<Integer> optionalInteger(String key, int min, int max) {
        return node(key).map(n -> {
            if (!(n instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.INTEGER) {
                throw ConfigException.at(file, n.location(), section + "." + key + " must be a whole number, found "
                        + n.typeName(), "write a number between " + min + " and " + max + " without quotes");
            }
            long v;
            try {
                v = Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < min || v > max) {
                throw ConfigException.at(file, n.location(), section + "." + key + " is " + s.text()
                        + ", outside " + min + ".." + max, "use a value between " + min + " and " + max);
            }
            return (int) v;
        });
    }

    double decimal(String key, double min, double max, double fallback) {
        return node(key).map(n -> {
            if (!(n instanceof YamlNode.Scalar s)
                    || (s.kind() != YamlNode.Kind.DECIMAL && s.kind() != YamlNode.Kind.INTEGER)) {
                throw ConfigException.at(file, n.location(), section + "." + key + " must be a number, found "
                        + n.typeName(), "write a number between " + min + " and " + max);
            }
            double v;
            try {
                v = new BigDecimal(s.text()).doubleValue();
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= min && v <= max)) {
                throw ConfigException.at(file, n.location(), section + "." + key + " is " + s.text() + ", outside "
                        + min + ".." + max, "use a value between " + min + " and " + max);
            }
            return v;
        }).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return node(key).map(n -> {
            if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
                return Boolean.parseBoolean(s.text());
            }
            throw ConfigException.at(file, n.location(), section + "." + key + " must be true or false, found "
                    + n.typeName(), "write true or false without quotes");
        }).orElse(fallback);
    }

    Duration duration(String key, Duration min, Duration max, Duration fallback) {
        return node(key).map(n -> {
            String fix = "write a duration such as 500ms, 30s, 5m or 1h between " + show(min) + " and " + show(max);
            if (!(n instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.STRING) {
                throw ConfigException.at(file, n.location(), section + "." + key + " must be a duration, found "
                        + n.typeName(), fix);
            }
            Matcher m = DURATION.matcher(s.text().strip());
            if (!m.matches()) {
                throw ConfigException.at(file, n.location(), section + "." + key + " '" + s.text()
                        + "' is not a duration", fix);
            }
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw ConfigException.at(file, n.location(), section + "." + key + " " + s.text() + " is outside "
                        + show(min) + ".." + show(max), fix);
            }
            return d;
        }).orElse(fallback);
    }

    /** A list of text items (a single text value is accepted as a one-item list). */
    Optional<List<Located<String>>> stringList(String key) {
        return node(key).map(n -> {
            List<YamlNode> items = n instanceof YamlNode.Sequence seq ? seq.items() : List.of(n);
            List<Located<String>> out = new ArrayList<>();
            for (YamlNode item : items) {
                out.add(new Located<>(text(key, item), item.location()));
            }
            return out;
        });
    }

    /** Fails on the first key that no getter asked for, listing the keys that are allowed. */
    void finish() {
        for (var e : mapping.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ConfigException.at(file, e.getValue().keyLocation(), "unknown key '" + e.getKey() + "' in "
                        + section, "remove it or use one of: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    ConfigException error(YamlNode n, String what, String fix) {
        return ConfigException.at(file, n.location(), section + "." + what, fix);
    }

    private static String show(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /** A value with the location it was read from. */
    record Located<T>(T value, Location location) {
    }
}
