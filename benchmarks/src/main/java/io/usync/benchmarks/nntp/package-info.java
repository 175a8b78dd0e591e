/**
 * NNTP client benchmarks: JMH reply decoding, the loopback harness against the fake server, and
 * the INN2 comparison with a raw-socket client (RFC 3977 framing as in {@code io.usync.nntp.codec}).
 */
package io.usync.benchmarks.nntp;
