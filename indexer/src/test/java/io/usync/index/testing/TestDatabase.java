package io.usync.index.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JUnit 5 extension giving tests a fresh, empty PostgreSQL database: one server per JVM (an
 * external one from {@code USYNC_TEST_JDBC_URL}, a Testcontainers one where Docker runs, else the
 * embedded binaries) and one {@code CREATE DATABASE} per test class, or per test with
 * {@link #perTest()}. Tests must not assume which server they got.
 *
 * <pre>{@code
 * @RegisterExtension static final TestDatabase DB = TestDatabase.perClass();
 * ... DB.jdbcUrl(), DB.dataSource(), DB.user(), DB.password()
 * }</pre>
 * Used with {@code @ExtendWith(TestDatabase.class)} it injects {@link DataSource} and
 * {@link Database} parameters instead.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabase.class);

    private final boolean perTest;
    private PostgresServerForTests server;
    private Database current;
    private Database classDatabase;

    /** Connection facts for one test database. */
    public record Database(String jdbcUrl, String name, String user, String password) {

        /** A non-pooling data source for this database. */
        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }

        /** Opens a plain connection (caller closes). */
        public Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl, props);
        }

        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", user " + user + "]";
        }
    }

    /** One database per test class (the form {@code @ExtendWith(TestDatabase.class)} uses). */
    public TestDatabase() {
        this(false);
    }

    private TestDatabase(boolean perTest) {
        this.perTest = perTest;
    }

    /** A fresh database for each test class. */
    public static TestDatabase perClass() {
        return new TestDatabase(false);
    }

    /** A fresh database for each test method. */
    public static TestDatabase perTest() {
        return new TestDatabase(true);
    }

    /** The current test's database. */
    public Database database() {
        if (current == null) {
            throw new IllegalStateException("TestDatabase is not active: register it with @RegisterExtension on a"
                    + " static field (or @ExtendWith) and use it inside a test");
        }
        return current;
    }

    /** The current test's JDBC URL. */
    public String jdbcUrl() {
        return database().jdbcUrl();
    }

    /** The user name for {@link #jdbcUrl()}. */
    public String user() {
        return database().user();
    }

    /** The password for {@link #jdbcUrl()}. */
    public String password() {
        return database().password();
    }

    /** A non-pooling data source for the current test's database. */
    public DataSource dataSource() {
        return database().dataSource();
    }

    /** Creates another empty database on the same server (dropped with the test class). */
    public Database createDatabase() {
        return create(serverFor(null));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = serverFor(context);
        if (!perTest) {
            classDatabase = create(server);
            current = classDatabase;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            server = serverFor(context);
        }
        if (perTest) {
            current = create(server);
        } else if (classDatabase == null) {
            classDatabase = create(server);
            current = classDatabase;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest && current != null) {
            drop(current);
            current = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (classDatabase != null) {
            drop(classDatabase);
            classDatabase = null;
        }
        current = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (current == null) {
            beforeEach(context);
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == DataSource.class) {
            return dataSource();
        }
        if (type == Database.class) {
            return database();
        }
        throw new ParameterResolutionException("TestDatabase cannot supply " + type);
    }

    private PostgresServerForTests serverFor(ExtensionContext context) {
        if (context == null) {
            if (server == null) {
                throw new IllegalStateException("TestDatabase is not active yet");
            }
            return server;
        }
        ServerHolder holder = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ServerHolder.class, k -> new ServerHolder(startServer()), ServerHolder.class);
        return holder.server();
    }

    private static PostgresServerForTests startServer() {
        String url = System.getenv("USYNC_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return ExternalPostgres.fromEnvironment(url.trim());
        }
        if (testcontainersPresent() && ContainerPostgres.available()) {
            return ContainerPostgres.start();
        }
        return EmbeddedPostgresForTests.start();
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Database create(PostgresServerForTests on) {
        String name = "usync_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        admin(on, "CREATE DATABASE " + name);
        return new Database(on.jdbcUrl(name), name, on.user(), on.password());
    }

    private void drop(Database database) {
        admin(server, "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    private static void admin(PostgresServerForTests on, String sql) {
        Properties props = new Properties();
        props.setProperty("user", on.user());
        props.setProperty("password", on.password());
        try (Connection c = DriverManager.getConnection(on.jdbcUrl(on.adminDatabase()), props);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed on " + on.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the per-JVM server when JUnit closes the root store at the end of the run. */
    private record ServerHolder(PostgresServerForTests server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
