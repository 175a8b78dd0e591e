package io.usync.index.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server named by {@code USYNC_TEST_JDBC_URL} (with {@code USYNC_TEST_JDBC_USER} and
 * {@code USYNC_TEST_JDBC_PASSWORD}); the URL's database is used as the admin database.
 */
record ExternalPostgres(String prefix, String adminDatabase, String suffix, String user, String password)
        implements PostgresServerForTests {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?");

    /** Parses the environment's URL; fails clearly when it is not a PostgreSQL JDBC URL. */
    static ExternalPostgres fromEnvironment(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("USYNC_TEST_JDBC_URL must look like jdbc:postgresql://host:port/db, got "
                    + url.replaceAll("password=[^&]*", "password=***"));
        }
        String db = m.group(2).isEmpty() ? "postgres" : m.group(2);
        String user = envOr("USYNC_TEST_JDBC_USER", System.getProperty("user.name"));
        String password = envOr("USYNC_TEST_JDBC_PASSWORD", "");
        return new ExternalPostgres(m.group(1), db, m.group(3) == null ? "" : m.group(3), user, password);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    @Override
    public String jdbcUrl(String database) {
        return prefix + database + suffix;
    }

    @Override
    public String describe() {
        return "external PostgreSQL " + prefix;
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
