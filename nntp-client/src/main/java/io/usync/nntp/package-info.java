/**
 * The usync NNTP client: {@link io.usync.nntp.NntpCluster} posts, checks and fetches articles over
 * pooled, pipelined connections to several servers with failover.
 *
 * <p>Protocol references: RFC 3977 (NNTP: framing, codes, pipelining in section 3.5, Message-IDs in
 * section 3.6), RFC 4643 (AUTHINFO USER/PASS), RFC 4642 and RFC 8143 (STARTTLS and implicit TLS on
 * port 563), RFC 5536 (article format). Missing-article codes 430, 423 and 451 move a fetch to the
 * next server; 441 with a 435 sub-code means the article is already there.
 */
package io.usync.nntp;
