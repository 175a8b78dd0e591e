/**
 * Shared support for the fault, crash, hostile-input and interop suites: a fault-injecting NNTP
 * proxy for loopback use in front of INN2 (RFC 3977 framing, RFC 4643 login passed through
 * untouched) that also throttles and counts article bodies, a JUnit extension that starts one in
 * front of INN2 for each test, a raw TCP relay that can cut a database connection, a launcher for
 * the {@code usync} CLI in a child JVM, other programs run under a time limit (NZBGet, Nyuu), seeded
 * source trees, an upload/download rig over the real modules, and a share crafted by hand (a
 * manifest with names the uploader never writes) posted with RFC 3977 POST.
 */
package io.usync.it.support;
