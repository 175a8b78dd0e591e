package io.usync.nntp.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real INN2 test server started by {@code it-tests/inn/setup-inn.sh}, found through its
 * {@code USYNC_INN_*} environment variables or, failing those, its {@code /tmp/usync-inn/inn.env}.
 *
 * <p>Integration tests call {@link #require()}: it returns the server, skips the test with a
 * visible reason when the server is absent, and fails instead when {@code CI=true}. Ports: {@link
 * #port()} is plain with anonymous read and post, {@link #authPort()} is plain with AUTHINFO
 * required, {@link #tlsPort()} is implicit TLS with AUTHINFO required.
 */
public final class InnServer {

    /** Where the setup script writes its {@code KEY=value} lines. */
    public static final Path DEFAULT_ENV_FILE = Path.of("/tmp/usync-inn/inn.env");

    /** The variables the setup script writes, all of which must be known. */
    public static final List<String> VARIABLES = List.of(
            "USYNC_INN_HOST", "USYNC_INN_PORT", "USYNC_INN_AUTH_PORT", "USYNC_INN_TLS_PORT",
            "USYNC_INN_USER", "USYNC_INN_PASSWORD", "USYNC_INN_TRUSTSTORE",
            "USYNC_INN_TRUSTSTORE_PASSWORD", "USYNC_INN_GROUP");

    private static final int CONNECT_CHECK_MILLIS = 2_000;

    private final Map<String, String> values;

    private InnServer(Map<String, String> values) {
        for (String name : VARIABLES) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is missing");
            }
        }
        for (String name : List.of("USYNC_INN_PORT", "USYNC_INN_AUTH_PORT", "USYNC_INN_TLS_PORT")) {
            int port;
            try {
                port = Integer.parseInt(values.get(name).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a port number");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException(name + " is out of range 1..65535");
            }
        }
        this.values = Map.copyOf(values);
    }

    /**
     * Returns the test server, skipping the calling test when it is absent or unreachable, or
     * failing it when the environment variable {@code CI} is {@code true}.
     */
    public static InnServer require() {
        return require(System.getenv(), DEFAULT_ENV_FILE);
    }

    /** Like {@link #require()} with an explicit environment and env file (for tests). */
    public static InnServer require(Map<String, String> environment, Path envFile) {
        boolean ci = "true".equalsIgnoreCase(environment.getOrDefault("CI", ""));
        Optional<InnServer> found;
        String reason;
        try {
            found = find(environment, envFile);
            reason = "INN2 test server not configured: no USYNC_INN_* variables and no " + envFile
                    + "; run 'sudo it-tests/inn/setup-inn.sh' first";
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
            reason = "INN2 test server settings are incomplete (" + e.getMessage()
                    + "); rerun 'sudo it-tests/inn/setup-inn.sh'";
        }
        if (found.isPresent() && !found.get().reachable()) {
            reason = "INN2 test server configured but nothing answers on " + found.get().host() + ":"
                    + found.get().port() + "; rerun 'sudo it-tests/inn/setup-inn.sh'";
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            if (ci) {
                fail("CI=true and " + reason);
            }
            assumeTrue(false, reason);
        }
        return found.orElseThrow();
    }

    /**
     * Finds the server from the environment (which wins per variable) and the env file, or empty
     * when neither names any {@code USYNC_INN_*} variable.
     *
     * @throws IllegalArgumentException when some but not all variables are known or one is invalid
     */
    public static Optional<InnServer> find(Map<String, String> environment, Path envFile) {
        Map<String, String> merged = new HashMap<>(readEnvFile(envFile));
        for (String name : VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                merged.put(name, value);
            }
        }
        if (VARIABLES.stream().noneMatch(merged::containsKey)) {
            return Optional.empty();
        }
        return Optional.of(new InnServer(merged));
    }

    /** Parses {@code KEY=value} lines (an optional {@code export } prefix, {@code #} comments). */
    static Map<String, String> readEnvFile(Path envFile) {
        if (!Files.isRegularFile(envFile)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + envFile, e);
        }
        Map<String, String> result = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            result.put(line.substring(0, eq).strip(), value);
        }
        return result;
    }

    /** Whether a TCP connection to the plain port succeeds within two seconds. */
    public boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), CONNECT_CHECK_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The host to connect to (127.0.0.1 from the setup script). */
    public String host() {
        return values.get("USYNC_INN_HOST").trim();
    }

    /** The plain port: anonymous read and post, AUTHINFO checked when sent. */
    public int port() {
        return intValue("USYNC_INN_PORT");
    }

    /** The plain port where nothing but AUTHINFO works until login. */
    public int authPort() {
        return intValue("USYNC_INN_AUTH_PORT");
    }

    /** The implicit-TLS port (self-signed certificate, AUTHINFO required). */
    public int tlsPort() {
        return intValue("USYNC_INN_TLS_PORT");
    }

    /** The test user name for AUTHINFO USER. */
    public String user() {
        return values.get("USYNC_INN_USER").trim();
    }

    /** The test password for AUTHINFO PASS (a throwaway; never log it). */
    public String password() {
        return values.get("USYNC_INN_PASSWORD");
    }

    /** The PKCS12 trust store holding the server's self-signed certificate. */
    public Path trustStore() {
        return Path.of(values.get("USYNC_INN_TRUSTSTORE").trim());
    }

    /** The trust store's password. */
    public char[] trustStorePassword() {
        return values.get("USYNC_INN_TRUSTSTORE_PASSWORD").toCharArray();
    }

    /** The test newsgroup to post to ({@code alt.binaries.test}). */
    public String group() {
        return values.get("USYNC_INN_GROUP").trim();
    }

    private int intValue(String name) {
        return Integer.parseInt(values.get(name).trim());
    }

    /** Names the server and its ports; never the passwords. */
    @Override
    public String toString() {
        return "InnServer[" + host() + " plain=" + port() + " auth=" + authPort() + " tls=" + tlsPort()
                + " user=" + user() + " group=" + group() + "]";
    }
}
