package io.usync.index.testing;

/** One PostgreSQL server shared by every test in a JVM: where it is and how to log in as an admin. */
interface PostgresServerForTests extends AutoCloseable {

    /** A JDBC URL for {@code database} on this server. */
    String jdbcUrl(String database);

    /** The admin database to connect to for CREATE / DROP DATABASE. */
    String adminDatabase();

    /** The user name. */
    String user();

    /** The password. */
    String password();

    /** A short description for logs (never the password). */
    String describe();

    @Override
    void close();
}
