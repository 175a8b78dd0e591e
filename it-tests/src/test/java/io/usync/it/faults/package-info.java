/**
 * Fault cases: the uploader and downloader over the real NNTP client against an in-process fake
 * server and against INN2 behind a fault-injecting proxy (RFC 3977 replies cut, lost, garbled,
 * stalled or trickled; RFC 4643 login refused; TLS refused), each proving nothing is lost and
 * nothing is stored twice.
 */
package io.usync.it.faults;
