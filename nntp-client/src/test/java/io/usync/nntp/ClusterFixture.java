package io.usync.nntp;

import io.usync.nntp.testing.FakeNntpServer;
import java.util.List;

/** Builds clusters over fake servers with test-sized bounds. */
final class ClusterFixture {

    private ClusterFixture() {
    }

    static NntpClusterOptions options(int attempts) {
        return NntpClusterOptions.defaults().withAttempts(attempts).withTransport(NntpTransport.AUTO, 1);
    }

    static NntpCluster cluster(FakeNntpServer server) {
        return NntpCluster.create(List.of(server.serverOptions("fake")), options(3), NntpEventListener.NONE);
    }

    static NntpCluster cluster(List<NntpServerOptions> servers, NntpEventListener listener) {
        return NntpCluster.create(servers, options(3), listener);
    }
}
