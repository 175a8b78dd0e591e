/**
 * The Java side of {@code bench/soak.sh}: repeated uploads and downloads on loopback through the
 * fault proxy in front of INN2 (RFC 3977), checking after every round that nothing was lost.
 */
package io.usync.benchmarks.soak;
