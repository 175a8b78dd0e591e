/**
 * Test fixtures shared through the nntp-client test-jar: {@link io.usync.nntp.testing.FakeNntpServer}
 * (in-memory server with fault injection), {@link io.usync.nntp.testing.InnServer} (the INN2 test
 * server) and {@link io.usync.nntp.testing.TestArticles}.
 */
package io.usync.nntp.testing;
