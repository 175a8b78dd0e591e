package io.usync.config;

import java.nio.file.Path;

/** Reads a {@code env:VAR} or {@code file:PATH} reference and refuses inline secrets without ever echoing them. */
final class SecretRefParser {

    private final Path baseDirectory;
    private final Path home;

    SecretRefParser(Path baseDirectory, Path home) {
        this.baseDirectory = baseDirectory;
        this.home = home;
    }

    SecretRef parse(MappingReader reader, String key, YamlNode node) {
        String fix = "write " + key + ": env:VARIABLE or " + key + ": file:/path/to/secret";
        if (!(node instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.STRING) {
            throw reader.error(node, key + " must be a reference (env:VAR or file:PATH); an inline secret is refused", fix);
        }
        String text = s.text().strip();
        if (text.startsWith("env:")) {
            try {
                return SecretRef.env(text.substring(4));
            } catch (IllegalArgumentException e) {
                throw reader.error(node, key + " names an invalid environment variable",
                        "use letters, digits and '_' after env:");
            }
        }
        if (text.startsWith("file:")) {
            String p = text.substring(5);
            if (p.isBlank()) {
                throw reader.error(node, key + " has an empty file path", fix);
            }
            Path path = p.equals("~") || p.startsWith("~/") ? home.resolve(p.substring(Math.min(2, p.length())))
                    : baseDirectory.resolve(p);
            return SecretRef.file(path.normalize());
        }
        throw reader.error(node, key + " looks like an inline secret, which is refused", fix);
    }
}
