/**
 * Value types shared by every usync module: ranges, files, segments, share ids (lowercase RFC 4648
 * base32 with a SHA-256 checksum), Message-IDs (RFC 5536 section 3.1.3, RFC 3977 section 3.6) and
 * the core fault hierarchy; crypto, NZB and path safety live in sub-packages.
 */
package io.usync.core;
