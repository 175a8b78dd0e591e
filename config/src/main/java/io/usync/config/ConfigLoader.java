package io.usync.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads {@code config.yaml} into a validated {@link UsyncConfig}: unknown keys, wrong types,
 * out-of-range values, missing fields and inline secrets are refused with one line naming the
 * file, line, column and the fix.
 */
public final class ConfigLoader {

    /** Largest configuration file accepted, in bytes. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /** Loads and validates the file at {@code path}; {@code ~/} in secret paths means the user's home. */
    public static UsyncConfig load(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new ConfigException(name + ": larger than " + MAX_FILE_BYTES + " bytes - this is not a usync config");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": no such file - create it (see docs/usync.example.yaml) or pass --config");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read (" + e.getClass().getSimpleName() + ") - check permissions");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": not UTF-8 text - save the file as UTF-8");
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(text, name, dir, Path.of(System.getProperty("user.home")));
    }

    /** Parses configuration text; relative file paths resolve against {@code baseDirectory}. */
    public static UsyncConfig parse(String yaml, String fileName, Path baseDirectory, Path home) {
        YamlNode root = new YamlTreeReader(fileName).read(yaml);
        MappingReader top = new MappingReader(fileName, "the configuration", root);
        List<String> warnings = new ArrayList<>();
        SecretRefParser secrets = new SecretRefParser(baseDirectory, home);
        ServerProfileReader serverReader = new ServerProfileReader(secrets, baseDirectory, warnings::add);

        YamlNode serversNode = top.required("servers", "add a 'servers:' list with at least one news server");
        if (!(serversNode instanceof YamlNode.Sequence seq)) {
            throw ConfigException.at(fileName, serversNode.location(), "servers must be a list, found "
                    + serversNode.typeName(), "start each server with '- name: ...'");
        }
        if (seq.items().isEmpty()) {
            throw ConfigException.at(fileName, seq.location(), "servers is empty", "add at least one news server");
        }
        List<ServerProfile> servers = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            ServerProfile p = serverReader.read(fileName, seq.items().get(i), i);
            if (servers.stream().anyMatch(s -> s.name().equals(p.name()))) {
                throw ConfigException.at(fileName, seq.items().get(i).location(), "server name '" + p.name()
                        + "' is used twice", "give each server its own name");
            }
            servers.add(p);
        }
        IndexSettings index = top.node("index").map(n -> index(fileName, n, secrets)).orElse(IndexSettings.defaults());
        UploadSettings upload = top.node("upload").map(n -> upload(fileName, n)).orElse(UploadSettings.defaults());
        DownloadSettings download = top.node("download").map(n -> download(fileName, n))
                .orElse(DownloadSettings.defaults());
        top.finish();
        return new UsyncConfig(servers, index, upload, download, warnings);
    }

    private static IndexSettings index(String file, YamlNode node, SecretRefParser secrets) {
        MappingReader r = new MappingReader(file, "index", node);
        Optional<String> url = r.string("jdbcUrl");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw r.error(r.required("jdbcUrl", ""), "jdbcUrl must be a PostgreSQL JDBC URL",
                        "write jdbc:postgresql://host:5432/database, or remove jdbcUrl for the embedded database");
            }
        });
        Optional<String> user = r.string("user");
        Optional<SecretRef> password = r.node("password").map(n -> secrets.parse(r, "password", n));
        if (url.isEmpty() && (user.isPresent() || password.isPresent())) {
            throw r.error(r.required(user.isPresent() ? "user" : "password", ""),
                    "user and password apply only to an external database", "add jdbcUrl or remove them");
        }
        IndexSettings d = IndexSettings.defaults();
        IndexSettings s = new IndexSettings(url, user, password,
                r.integer("poolSize", 1, 256, d.poolSize()),
                r.integer("copyBatchRows", 100, 10_000_000, d.copyBatchRows()),
                r.integer("fetchSize", 10, 1_000_000, d.fetchSize()));
        r.finish();
        return s;
    }

    private static UploadSettings upload(String file, YamlNode node) {
        MappingReader r = new MappingReader(file, "upload", node);
        UploadSettings d = UploadSettings.defaults();
        UploadSettings s = new UploadSettings(
                r.integer("articleSize", 16 * 1024, 8 * 1024 * 1024, d.articleSize()),
                r.integer("lineLength", 32, 997, d.lineLength()),
                r.integer("inFlightArticles", 1, 4096, d.inFlightArticles()),
                r.integer("retries", 0, 100, d.retries()),
                r.duration("postCheckDelay", Duration.ZERO, Duration.ofHours(1), d.postCheckDelay()),
                r.integer("postCheckRetries", 0, 100, d.postCheckRetries()),
                r.bool("compression", d.compression()),
                r.decimal("compressionMinSaving", 0.0, 0.9, d.compressionMinSaving()));
        r.finish();
        return s;
    }

    private static DownloadSettings download(String file, YamlNode node) {
        MappingReader r = new MappingReader(file, "download", node);
        DownloadSettings d = DownloadSettings.defaults();
        DownloadSettings s = new DownloadSettings(
                r.integer("pipelineDepth", 1, 256, d.pipelineDepth()),
                r.integer("inFlightArticles", 1, 8192, d.inFlightArticles()),
                r.integer("retries", 0, 100, d.retries()),
                r.duration("connectTimeout", Duration.ofMillis(100), Duration.ofMinutes(10), d.connectTimeout()),
                r.duration("readTimeout", Duration.ofMillis(100), Duration.ofHours(1), d.readTimeout()));
        r.finish();
        return s;
    }
}
