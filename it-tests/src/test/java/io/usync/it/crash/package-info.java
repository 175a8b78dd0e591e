/**
 * Crash cases: the {@code usync} CLI killed with SIGKILL in a child JVM at each phase of an
 * upload and in the middle of a download, and the index database cut mid-upload; running the same
 * command again must finish with identical bytes, one stored article per derived Message-ID
 * (counted from the server's 240 replies, RFC 3977 section 6.3.1) and an unchanged share id.
 */
package io.usync.it.crash;
