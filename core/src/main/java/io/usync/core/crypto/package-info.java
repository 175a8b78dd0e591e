/**
 * Share cryptography: root keys, HKDF-SHA256 working keys (RFC 5869), derived Message-IDs
 * (HMAC-SHA256, RFC 2104; ids per RFC 5536 section 3.1.3), AES-256-GCM sealing (NIST SP 800-38D),
 * Argon2id password keys (RFC 9106) and X25519 recipient key wrapping (RFC 7748).
 */
package io.usync.core.crypto;
