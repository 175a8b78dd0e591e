package io.usync.index.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the embedded PostgreSQL runs: its base directory (cluster, locks, password,
 * log), the cache for unpacked binaries, time bounds, and whether writes are made durable.
 */
public record EmbeddedPostgresOptions(Path directory, Path binaryCache, Duration startTimeout,
                                      Duration lockTimeout, boolean durable,
                                      Map<String, String> serverSettings) {

    /** Validates paths and bounds and copies the settings map. */
    public EmbeddedPostgresOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(binaryCache, "binaryCache");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive: " + lockTimeout);
        }
        serverSettings = Map.copyOf(serverSettings);
        directory = directory.toAbsolutePath().normalize();
        binaryCache = binaryCache.toAbsolutePath().normalize();
    }

    /** The default: {@code $XDG_DATA_HOME/usync/pg} (or {@code ~/.local/share/usync/pg}), durable. */
    public static EmbeddedPostgresOptions defaults() {
        return forDataHome(xdgDataHome());
    }

    /** The layout under a given XDG data home, durable, with default bounds. */
    public static EmbeddedPostgresOptions forDataHome(Path dataHome) {
        Path base = dataHome.resolve("usync");
        return new EmbeddedPostgresOptions(base.resolve("pg"), base.resolve("pg-binaries"),
                Duration.ofSeconds(60), Duration.ofSeconds(60), true, Map.of());
    }

    /** A copy with another binary cache directory. */
    public EmbeddedPostgresOptions withBinaryCache(Path cache) {
        return new EmbeddedPostgresOptions(directory, cache, startTimeout, lockTimeout, durable, serverSettings);
    }

    /** A copy that trades durability for speed (fsync off), for tests and throwaway indexes. */
    public EmbeddedPostgresOptions withDurable(boolean value) {
        return new EmbeddedPostgresOptions(directory, binaryCache, startTimeout, lockTimeout, value, serverSettings);
    }

    /** The XDG data home: {@code $XDG_DATA_HOME} when absolute, else {@code ~/.local/share}. */
    public static Path xdgDataHome() {
        String env = System.getenv("XDG_DATA_HOME");
        if (env != null && !env.isBlank() && Path.of(env).isAbsolute()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share");
    }
}
