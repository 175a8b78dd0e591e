/**
 * The {@code usync} command line against the real INN2 test server and the test PostgreSQL index:
 * server probes ({@code profiles test}: plain, RFC 4643 AUTHINFO, RFC 8143 implicit TLS), the
 * index's shares ({@code shares list|show|drop}), and what a person sees when a download is refused
 * (exit code and one line).
 */
package io.usync.it.cli;
