/**
 * The NNTP codec in the shape of Netty's codec-smtp: request values and encoder, a reply decoder
 * with an explicit state machine, and a client codec whose halves share the queue of sent commands.
 *
 * <p>RFC 3977 section 3.1 (512-octet command lines, dot-terminated multi-line blocks with
 * dot-stuffing), section 3.2 (multi-line replies depend on command and code: 222 after BODY, 211
 * after LISTGROUP but not GROUP, 101 CAPABILITIES, 215 LIST, 224 OVER), section 6.3.1 (POST: 340,
 * then the article, then 240 or 441).
 */
package io.usync.nntp.codec;
