/**
 * One NNTP session: connect, greeting, CAPABILITIES, STARTTLS, MODE READER, AUTHINFO, then
 * pipelined commands through a Lettuce-like in-flight FIFO.
 *
 * <p>RFC 3977 section 5.1 (greeting 200/201/400/502), 5.2 (CAPABILITIES), 5.3 (MODE READER), 3.5
 * (pipelining); RFC 4643 section 2.3 (AUTHINFO USER/PASS: 281, 381, 481, 482, 502; 480 asks for a
 * login); RFC 4642 (STARTTLS, 382) and RFC 8143 (implicit TLS, certificate and host-name checks).
 */
package io.usync.nntp.connection;
