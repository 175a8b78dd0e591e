package io.usync.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * usync's default locations per the XDG Base Directory specification: a variable that is unset,
 * empty or relative is ignored and the home-based default used instead.
 */
public record ConfigPaths(Path configHome, Path dataHome, Path stateHome, Path cacheHome) {

    /** Validates presence. */
    public ConfigPaths {
        if (configHome == null || dataHome == null || stateHome == null || cacheHome == null) {
            throw new IllegalArgumentException("all base directories are required");
        }
    }

    /** Locations from this process's environment and {@code user.home}. */
    public static ConfigPaths fromEnvironment() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Locations from the given environment and home directory. */
    public static ConfigPaths of(Map<String, String> env, Path home) {
        return new ConfigPaths(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")),
                base(env, "XDG_DATA_HOME", home.resolve(".local/share")),
                base(env, "XDG_STATE_HOME", home.resolve(".local/state")),
                base(env, "XDG_CACHE_HOME", home.resolve(".cache")));
    }

    /** {@code $XDG_CONFIG_HOME/usync/config.yaml}, the default configuration file. */
    public Path configFile() {
        return configHome.resolve("usync").resolve("config.yaml");
    }

    /** {@code $XDG_DATA_HOME/usync}, usync's data directory. */
    public Path dataDirectory() {
        return dataHome.resolve("usync");
    }

    /** {@code $XDG_DATA_HOME/usync/pg}, where the embedded PostgreSQL keeps its cluster. */
    public Path embeddedDatabaseDirectory() {
        return dataDirectory().resolve("pg");
    }

    /** {@code $XDG_STATE_HOME/usync}, for logs and run state. */
    public Path stateDirectory() {
        return stateHome.resolve("usync");
    }

    /** {@code $XDG_CACHE_HOME/usync}, for disposable caches. */
    public Path cacheDirectory() {
        return cacheHome.resolve("usync");
    }

    private static Path base(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : fallback;
    }
}
