package io.usync.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where usync looks for its files when no option says otherwise (XDG base directories). */
public final class ConfigLocation {

    private ConfigLocation() {
    }

    /** {@code $XDG_CONFIG_HOME/usync/config.yaml}, or {@code ~/.config/usync/config.yaml}. */
    public static Path defaultFile(Map<String, String> environment) {
        return configHome(environment).resolve("usync").resolve("config.yaml");
    }

    /** {@code $XDG_CONFIG_HOME}, or {@code ~/.config} when it is unset or not absolute. */
    public static Path configHome(Map<String, String> environment) {
        return xdg(environment, "XDG_CONFIG_HOME", ".config");
    }

    /** {@code $XDG_DATA_HOME}, or {@code ~/.local/share} when it is unset or not absolute. */
    public static Path dataHome(Map<String, String> environment) {
        return xdg(environment, "XDG_DATA_HOME", ".local/share");
    }

    /** {@code $XDG_CACHE_HOME}, or {@code ~/.cache} when it is unset or not absolute. */
    public static Path cacheHome(Map<String, String> environment) {
        return xdg(environment, "XDG_CACHE_HOME", ".cache");
    }

    private static Path xdg(Map<String, String> environment, String variable, String fallback) {
        String value = environment.getOrDefault(variable, "");
        if (!value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home).resolve(fallback);
    }
}
