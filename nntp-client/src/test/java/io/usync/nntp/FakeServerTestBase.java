package io.usync.nntp;

import io.usync.nntp.testing.FakeNntpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What a client test over fake servers starts from: fake servers started on demand and clusters
 * handed to {@link #closing}, all closed after each test (clusters before the servers they use).
 */
abstract class FakeServerTestBase {

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A started fake server, closed after the test. */
    FakeNntpServer server() {
        FakeNntpServer s = FakeNntpServer.start();
        closeables.add(s);
        return s;
    }

    /** {@code cluster}, closed after the test before any server. */
    NntpCluster closing(NntpCluster cluster) {
        closeables.add(0, cluster);
        return cluster;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }
}
