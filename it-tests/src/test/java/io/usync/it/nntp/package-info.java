/** Integration tests of the NNTP client against INN2 on loopback (RFC 3977, RFC 4643, RFC 8143). */
package io.usync.it.nntp;
