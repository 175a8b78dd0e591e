package io.usync.index.embedded;

import io.usync.index.IndexException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent PostgreSQL cluster run from the embedded binaries: started on first use, joined
 * by later processes while it runs, recovered from a stale lock, and stopped when its last user
 * closes (or at JVM exit).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database usync's index lives in. */
    public static final String DATABASE = "usync";
    /** The superuser initdb creates. */
    public static final String USER = "usync";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** SCRAM iterations of the embedded server's login (see {@code cheapenLogin}). */
    static final int LOGIN_ITERATIONS = 1;
    private static final Pattern SAFE_SETTING = Pattern.compile("[A-Za-z0-9_.]+");

    private final EmbeddedPostgresOptions options;
    private final ServerCommands commands;
    private final ClientRegistry registry;
    private final ClientRegistry.Held registration;
    private final int port;
    private final String password;
    private final boolean started;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgresOptions options, ServerCommands commands, ClientRegistry registry,
                                   Attachment attachment) {
        this.options = options;
        this.commands = commands;
        this.registry = registry;
        this.registration = attachment.registration;
        this.port = attachment.port;
        this.password = attachment.password;
        this.started = attachment.started;
        this.shutdownHook = Thread.ofPlatform().name("usync-embedded-pg-stop").unstarted(this::close);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private record Attachment(ClientRegistry.Held registration, int port, String password, boolean started) {
    }

    /** Starts the cluster (creating it on first use) or joins the one already running there. */
    public static EmbeddedPostgresServer open(EmbeddedPostgresOptions options) {
        ServerAccount account = ServerAccount.detect();
        try {
            Files.createDirectories(options.directory());
            account.requireReachable(options.directory());
            account.own(options.directory());
            ServerCommands commands = new ServerCommands(new PostgresBinaries(options.binaryCache()).installation(),
                    account, options.startTimeout());
            ClientRegistry registry = new ClientRegistry(options.directory(), options.lockTimeout());
            try (ClientRegistry.Held control = registry.control()) {
                Attachment attachment = attach(options, commands, registry, account);
                return new EmbeddedPostgresServer(options, commands, registry, attachment);
            }
        } catch (IOException e) {
            throw new IndexException.ServerUnavailable("cannot start the embedded PostgreSQL in "
                    + options.directory() + ": " + e.getMessage() + "; see " + options.directory().resolve("server.log")
                    + " or set index.jdbcUrl", e);
        }
    }

    private static Attachment attach(EmbeddedPostgresOptions options, ServerCommands commands, ClientRegistry registry,
                                     ServerAccount account) throws IOException {
        Path data = options.directory().resolve("data");
        String password = passwordFor(options.directory());
        ClientRegistry.Held registration = registry.register();
        try {
            Optional<Integer> running = runningPort(data, options);
            if (running.isPresent()) {
                LOG.debug("joining the embedded PostgreSQL already running on port {}", running.get());
                return new Attachment(registration, running.get(), password, false);
            }
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                PostgresBinaries.deleteTree(data);
                initialise(options, commands, account, password);
            }
            int port = start(options, commands);
            ensureDatabase(port, password);
            return new Attachment(registration, port, password, true);
        } catch (IOException | RuntimeException e) {
            registration.close();
            throw e;
        }
    }

    private static Optional<Integer> runningPort(Path data, EmbeddedPostgresOptions options) throws IOException {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (true) {
            Optional<PostmasterPid> pid = PostmasterPid.read(data);
            if (pid.isEmpty()) {
                return Optional.empty();
            }
            if (!pid.get().processIsPostgres()) {
                LOG.warn("removing a stale postmaster.pid left by a server that is no longer running (pid {})",
                        pid.get().pid());
                Files.deleteIfExists(data.resolve("postmaster.pid"));
                return Optional.empty();
            }
            if (pid.get().ready() && accepts(pid.get().port())) {
                return Optional.of(pid.get().port());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("a PostgreSQL server (pid " + pid.get().pid()
                        + ") holds the data directory but does not accept connections; stop it and retry");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void initialise(EmbeddedPostgresOptions options, ServerCommands commands, ServerAccount account,
                                   String password) throws IOException {
        Path pwfile = options.directory().resolve(".initdb-password");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        account.own(pwfile);
        try {
            List<String> args = new ArrayList<>(List.of("-D", options.directory().resolve("data").toString(),
                    "-U", USER, "-A", "scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C",
                    "--no-instructions"));
            if (!options.durable()) {
                args.add("--no-sync");
            }
            commands.run("initdb", args);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private static int start(EmbeddedPostgresOptions options, ServerCommands commands) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            StringBuilder serverArgs = new StringBuilder("-p ").append(port)
                    .append(" -c listen_addresses=127.0.0.1 -k ''");
            settings(options).forEach((k, v) -> serverArgs.append(" -c ").append(k).append('=').append(v));
            try {
                commands.run("pg_ctl", List.of("-D", options.directory().resolve("data").toString(),
                        "-l", options.directory().resolve("server.log").toString(), "-w",
                        "-t", Long.toString(options.startTimeout().toSeconds()), "-s", "-o", serverArgs.toString(),
                        "start"));
                return port;
            } catch (IOException e) {
                last = e;
                Optional<PostmasterPid> pid = PostmasterPid.read(options.directory().resolve("data"));
                if (pid.isPresent() && pid.get().processIsPostgres()) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static Map<String, String> settings(EmbeddedPostgresOptions options) {
        Map<String, String> settings = new java.util.TreeMap<>();
        settings.put("max_connections", "100");
        settings.put("shared_buffers", "256MB");
        settings.put("temp_buffers", "64MB");
        settings.put("max_wal_size", "2GB");
        settings.put("checkpoint_timeout", "15min");
        if (!options.durable()) {
            settings.put("fsync", "off");
            settings.put("synchronous_commit", "off");
            settings.put("full_page_writes", "off");
        }
        settings.putAll(options.serverSettings());
        settings.forEach((k, v) -> {
            if (!SAFE_SETTING.matcher(k).matches() || !SAFE_SETTING.matcher(v).matches()) {
                throw new IllegalArgumentException("server setting must be letters, digits, '_' or '.': " + k + "=" + v);
            }
        });
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String passwordFor(Path directory) throws IOException {
        Path file = directory.resolve("password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path tmp = directory.resolve("password.tmp");
        Files.writeString(tmp, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    private static void ensureDatabase(int port, String password) throws IOException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url(port, "postgres"), props);
             Statement s = c.createStatement()) {
            cheapenLogin(s, password);
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the usync database: " + e.getMessage(), e);
        }
    }

    /**
     * Re-stores the login verifier with {@value #LOGIN_ITERATIONS} SCRAM iteration when it has more:
     * the password is {@code passwordFor}'s 192 random bits, which no iteration count makes harder to
     * guess, while the default 4,096 cost every usync run about a CPU-second of PBKDF2 per login
     * (mostly interpreted and JIT-compiled on the spot in a short-lived JVM).
     */
    static void cheapenLogin(Statement s, String password) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = current_user")) {
            if (!rs.next() || scramIterations(rs.getString(1)) <= LOGIN_ITERATIONS) {
                return;
            }
        }
        if (!password.matches("[0-9a-f]+")) {
            throw new IllegalStateException("the embedded index password is not hexadecimal");
        }
        s.execute("SET scram_iterations = " + LOGIN_ITERATIONS);
        s.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
    }

    /** The iteration count of a stored SCRAM-SHA-256 verifier, or 0 when it is not one. */
    static int scramIterations(String verifier) {
        if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
            return 0;
        }
        int colon = verifier.indexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(verifier.substring("SCRAM-SHA-256$".length(), colon));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The TCP port on 127.0.0.1 the server listens on. */
    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return url(port, database);
    }

    /** The superuser name. */
    public String user() {
        return USER;
    }

    /** The superuser password (kept in a 0600 file next to the cluster; never logged). */
    public String password() {
        return password;
    }

    /** Whether this handle started the server (false when it joined a running one). */
    public boolean startedServer() {
        return started;
    }

    /** Leaves the server, stopping it when no other live process uses it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        try (ClientRegistry.Held control = registry.control()) {
            registration.close();
            if (!registry.othersAlive(registration)) {
                commands.run("pg_ctl", List.of("-D", options.directory().resolve("data").toString(),
                        "-m", "fast", "-w", "-s", "-t", Long.toString(options.startTimeout().toSeconds()), "stop"));
            }
        } catch (IOException e) {
            LOG.warn("could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + options.directory() + ", port " + port + "]";
    }

    /** Runs the cluster's command-line tools as the server account. */
    record ServerCommands(Path installation, ServerAccount account, java.time.Duration timeout) {

        void run(String tool, List<String> args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(installation.resolve("bin").resolve(tool).toString());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(account.command(command)).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C");
            builder.environment().remove("PGDATA");
            Process process = builder.start();
            byte[] output;
            try (var in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            try {
                if (!process.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(tool + " did not finish within " + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + tool, e);
            }
            if (process.exitValue() != 0) {
                String text = new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                throw new IOException(tool + " failed (exit " + process.exitValue() + "): " + text);
            }
        }
    }
}
