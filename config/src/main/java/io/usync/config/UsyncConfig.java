package io.usync.config;

import java.util.List;
import java.util.Optional;

/**
 * A loaded configuration: the server profiles, the index, upload and download settings, and the
 * warnings a person should see (for example a profile with {@code insecure: true}).
 */
public record UsyncConfig(List<ServerProfile> servers, IndexSettings index, UploadSettings upload,
        DownloadSettings download, List<String> warnings) {

    /** Copies the lists and checks that profile names are unique. */
    public UsyncConfig {
        if (servers == null || index == null || upload == null || download == null || warnings == null) {
            throw new IllegalArgumentException("all parts are required");
        }
        servers = List.copyOf(servers);
        warnings = List.copyOf(warnings);
        if (servers.stream().map(ServerProfile::name).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("server profile names must be unique");
        }
    }

    /** The profile called {@code name}, if any. */
    public Optional<ServerProfile> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
