/**
 * Test fixtures shipped in the indexer test-jar: {@link io.usync.index.testing.TestDatabase}, a
 * JUnit 5 extension giving each test class (or test) a fresh PostgreSQL database on one server
 * per JVM: {@code USYNC_TEST_JDBC_URL} when set, Testcontainers where Docker runs, otherwise the
 * embedded PostgreSQL binaries.
 */
package io.usync.index.testing;
