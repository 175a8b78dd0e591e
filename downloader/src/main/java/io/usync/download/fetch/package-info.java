/**
 * Fetching: a bounded window of articles in flight ({@code BODY}, RFC 3977 section 6.2.3), each
 * decoded straight from the network chunks (yEnc 1.3) into a pooled buffer, checked, and handed
 * to a writer thread that places it at its offsets; memory is in-flight articles x article size.
 */
package io.usync.download.fetch;
