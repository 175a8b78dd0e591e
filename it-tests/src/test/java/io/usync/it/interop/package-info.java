/**
 * Interoperability with the tools usenet users already run, against the real INN2 test server on
 * loopback: NZBGet downloads a {@code usync upload --plain} from its NZB, and {@code usync download}
 * restores an upload that Nyuu posted, from Nyuu's NZB. Both sides speak RFC 3977 (NNTP), yEnc 1.3
 * multi-part and NZB 1.1; every file must come back identical byte for byte.
 */
package io.usync.it.interop;
