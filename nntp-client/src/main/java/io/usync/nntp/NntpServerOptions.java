package io.usync.nntp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the client needs to know about one news server.
 *
 * @param name          unique name used in results, events and logs
 * @param host          host name or address (also the TLS SNI and verified host name)
 * @param port          TCP port
 * @param tls           how TLS is used; a profile asking for TLS never falls back to clear text
 * @param insecure      skip certificate and host-name verification (loudly warned)
 * @param trustStore    a trust store replacing the JDK default
 * @param credentials   AUTHINFO USER/PASS when the server needs a login
 * @param priority      tier: lower numbers are tried first
 * @param group         servers with the same backend share a group (an article missing on one is missing on all)
 * @param roles         what the server is used for
 * @param pipelineDepth BODY/STAT/HEAD commands in flight per connection
 * @param modeReader    whether to send MODE READER after the greeting
 * @param timeouts      deadlines
 * @param pool          pool bounds
 */
public record NntpServerOptions(String name, String host, int port, Tls tls, boolean insecure,
        Optional<NntpTrustStore> trustStore, Optional<NntpCredentials> credentials, int priority, String group,
        Set<Role> roles, int pipelineDepth, ModeReader modeReader, NntpTimeouts timeouts, NntpPoolOptions pool) {

    /** How a connection is secured. */
    public enum Tls {
        /** Clear text. */
        NONE,
        /** TLS from the first byte (port 563). */
        IMPLICIT,
        /** STARTTLS after the greeting; fails if the server does not offer it. */
        STARTTLS
    }

    /** What a server is used for. */
    public enum Role {
        /** Posting articles. */
        POST,
        /** STAT checks after posting. */
        CHECK,
        /** BODY fetches. */
        READ
    }

    /** When to send MODE READER. */
    public enum ModeReader {
        /** When CAPABILITIES lists MODE-READER (the server is in transit mode). */
        AUTO,
        /** Always, before login. */
        ALWAYS,
        /** Never. */
        NEVER
    }

    /** Validates every field. */
    public NntpServerOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(modeReader, "modeReader");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(pool, "pool");
        if (name.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("server name and host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one role");
        }
        roles = Set.copyOf(roles);
        if (pipelineDepth < 1 || pipelineDepth > 1024) {
            throw new IllegalArgumentException("pipelineDepth must be 1..1024");
        }
    }

    /** A plain-text server with every role, no login, depth 8 and default bounds. */
    public static NntpServerOptions defaults(String name, String host, int port) {
        return new NntpServerOptions(name, host, port, Tls.NONE, false, Optional.empty(), Optional.empty(), 0, name,
                EnumSet.allOf(Role.class), 8, ModeReader.AUTO, NntpTimeouts.defaults(), NntpPoolOptions.defaults());
    }

    /** A copy using TLS in the given mode. */
    public NntpServerOptions withTls(Tls mode, Optional<NntpTrustStore> store, boolean skipVerification) {
        return new NntpServerOptions(name, host, port, mode, skipVerification, store, credentials, priority, group,
                roles, pipelineDepth, modeReader, timeouts, pool);
    }

    /** A copy that logs in with these credentials. */
    public NntpServerOptions withCredentials(NntpCredentials login) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, Optional.of(login), priority, group,
                roles, pipelineDepth, modeReader, timeouts, pool);
    }

    /** A copy in another tier, group and role set. */
    public NntpServerOptions withPlacement(int tier, String backendGroup, Set<Role> serverRoles) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, credentials, tier, backendGroup,
                serverRoles, pipelineDepth, modeReader, timeouts, pool);
    }

    /** A copy with another pipeline depth. */
    public NntpServerOptions withPipelineDepth(int depth) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, credentials, priority, group,
                roles, depth, modeReader, timeouts, pool);
    }

    /** A copy with another MODE READER policy. */
    public NntpServerOptions withModeReader(ModeReader policy) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, credentials, priority, group,
                roles, pipelineDepth, policy, timeouts, pool);
    }

    /** A copy with other deadlines. */
    public NntpServerOptions withTimeouts(NntpTimeouts deadlines) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, credentials, priority, group,
                roles, pipelineDepth, modeReader, deadlines, pool);
    }

    /** A copy with other pool bounds. */
    public NntpServerOptions withPool(NntpPoolOptions bounds) {
        return new NntpServerOptions(name, host, port, tls, insecure, trustStore, credentials, priority, group,
                roles, pipelineDepth, modeReader, timeouts, bounds);
    }

    /** Whether the server has this role. */
    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
