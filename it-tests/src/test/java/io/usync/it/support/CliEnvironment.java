package io.usync.it.support;

import io.usync.index.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary home for the {@code usync} CLI: XDG config and data folders under a test folder, a
 * config file with one plain loopback server and the test database as index, and the environment
 * (secrets by name) to run it with, in this JVM ({@link CliRun}) or a child ({@link UsyncProcess}).
 */
public final class CliEnvironment {

    private final Path home;
    private final Map<String, String> variables = new HashMap<>();

    private CliEnvironment(Path home) {
        this.home = home;
    }

    /** A home under {@code folder} whose config lists the server {@code host:port} (post, check, read) and the test database reached at {@code jdbcUrl}. */
    public static CliEnvironment create(Path folder, String host, int port, String group, TestDatabase db, String jdbcUrl,
            String extraYaml) {
        return write(folder, host, port, group, """
                index:
                  jdbcUrl: "%s"
                  user: %s
                  password: env:IT_DB_PASSWORD
                """.formatted(jdbcUrl, db.user()) + extraYaml).with("IT_DB_PASSWORD", db.password());
    }

    /**
     * A home like {@link #create} whose config names no index, so usync starts its embedded
     * PostgreSQL in the home's data folder. The home is open to everyone (as root the server runs as
     * nobody); so must be the folders above it.
     */
    public static CliEnvironment withEmbeddedIndex(Path folder, String host, int port, String group) {
        CliEnvironment env = write(folder, host, port, group, "");
        try {
            Path data = Files.createDirectories(folder.resolve("data"));
            for (Path p : List.of(folder, data)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    private static CliEnvironment write(Path folder, String host, int port, String group, String extraYaml) {
        CliEnvironment env = new CliEnvironment(folder);
        env.variables.put("HOME", folder.resolve("home").toString());
        env.variables.put("XDG_CONFIG_HOME", folder.resolve("config").toString());
        env.variables.put("XDG_DATA_HOME", folder.resolve("data").toString());
        env.variables.put("XDG_STATE_HOME", folder.resolve("state").toString());
        env.variables.put("XDG_CACHE_HOME", folder.resolve("cache").toString());
        env.variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        String yaml = """
                servers:
                  - name: local
                    host: %s
                    port: %d
                    tls: none
                    connections: 2
                    roles: [post, check, read]
                    newsgroups: [%s]
                upload:
                  articleSize: 16384
                  postCheckDelay: 1s
                  retries: 3
                  postCheckRetries: 2
                download:
                  connectTimeout: 2s
                  readTimeout: 3s
                """.formatted(host, port, group) + extraYaml;
        try {
            Files.createDirectories(folder.resolve("config/usync"));
            Files.createDirectories(folder.resolve("home"));
            Files.writeString(env.configFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /** The config file ($XDG_CONFIG_HOME/usync/config.yaml). */
    public Path configFile() {
        return home.resolve("config/usync/config.yaml");
    }

    /** Adds a variable (a secret the config names with env:). */
    public CliEnvironment with(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** The environment to run with. */
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** Where child-process output goes. */
    public Path logs() {
        return home.resolve("logs");
    }

    /** The JDBC URL with its port replaced (to go through a relay). */
    public static String withPort(String jdbcUrl, int port) {
        return jdbcUrl.replaceFirst("//([^/:]+):(\\d+)/", "//$1:" + port + "/");
    }

    /** The port of a JDBC URL. */
    public static int portOf(String jdbcUrl) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("no port in " + jdbcUrl);
        }
        return Integer.parseInt(m.group(1));
    }
}
