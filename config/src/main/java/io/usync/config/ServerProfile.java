package io.usync.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One news server: where it is, how to secure and log in to the connection, how many connections,
 * its priority tier and group, what it is used for, and how to post to it. The password is a
 * reference, so printing a profile never shows it.
 */
public record ServerProfile(
        String name,
        String host,
        int port,
        TlsMode tls,
        boolean insecure,
        Optional<TrustStoreSettings> trustStore,
        Optional<String> username,
        Optional<SecretRef> password,
        int connections,
        int priority,
        int group,
        Set<ServerRole> roles,
        List<String> newsgroups,
        Optional<String> from,
        Optional<Integer> retentionDays) {

    /** Validates what the loader cannot express alone and copies the collections. */
    public ServerProfile {
        if (name == null || name.isBlank() || host == null || host.isBlank() || tls == null || roles == null
                || newsgroups == null || trustStore == null || username == null || password == null || from == null
                || retentionDays == null) {
            throw new IllegalArgumentException("server profile fields are required (optional ones as Optional)");
        }
        if (port < 1 || port > 65535 || connections < 1 || priority < 0 || group < 0 || roles.isEmpty()) {
            throw new IllegalArgumentException("server profile " + name + " has an out-of-range value");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("server profile " + name + " needs both username and password, or neither");
        }
        roles = Set.copyOf(roles);
        newsgroups = List.copyOf(newsgroups);
    }

    /** Whether the server may be used for {@code role}. */
    public boolean has(ServerRole role) {
        return roles.contains(role);
    }
}
