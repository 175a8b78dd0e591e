/**
 * A small migration runner: versioned SQL scripts {@code db/migration/V<n>__<description>.sql}
 * on the class path, applied in order at start, each in its own transaction, under a PostgreSQL
 * advisory lock so concurrent starters wait; applied scripts are recorded with a SHA-256 checksum
 * in {@code usync_schema_version} and a changed script or an index from a newer usync is refused.
 */
package io.usync.index.migration;
