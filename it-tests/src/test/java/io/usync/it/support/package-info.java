/**
 * Shared support for the fault, crash and hostile-input suite: a fault-injecting NNTP proxy for
 * loopback use in front of INN2 (RFC 3977 framing, RFC 4643 login passed through untouched), a raw
 * TCP relay that can cut a database connection, a launcher for the {@code usync} CLI in a child JVM,
 * seeded source trees, and an upload/download rig over the real modules.
 */
package io.usync.it.support;
