/**
 * Hostile-input cases: NZBs (NZB 1.1 DTD) and manifests naming paths outside the target, XML
 * external entities, remote DTDs and entity bombs, zstd frames (RFC 8878) declaring huge windows,
 * password share ids declaring huge Argon2id (RFC 9106) parameters, tampered segments and
 * manifests, and malformed profiles and share ids on the command line.
 */
package io.usync.it.hostile;
