/**
 * Download integration tests: the uploader posts to real INN2 (RFC 3977) with its index in
 * embedded PostgreSQL, and the downloader brings every kind of share (and a plain NZB) back.
 */
package io.usync.it.download;
