/**
 * Per-server connection pools: connection limit, pending-acquire bound and timeout, idle and
 * life-time eviction, DATE health checks (RFC 3977 section 7.1), jittered backoff, a Resilience4j
 * circuit breaker, and shrinking when a server reports too many connections.
 */
package io.usync.nntp.pool;
