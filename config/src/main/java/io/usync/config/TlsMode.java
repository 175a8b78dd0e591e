package io.usync.config;

/** How a connection to a news server is secured. */
public enum TlsMode {
    /** TLS from the first byte (NNTPS, usually port 563). */
    IMPLICIT,
    /** Plain connection upgraded with STARTTLS (RFC 4642); fails rather than falling back to clear text. */
    STARTTLS,
    /** No encryption (loopback test servers only). */
    NONE
}
