package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.nntp.testing.TestArticles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server nobody listens for: the pool's parallel connects that fail together are one failed try,
 * so the backoff grows once per try (not once per connection) and a post ends with the connect
 * fault (or the open circuit it tripped) after the attempt bound instead of backing off toward
 * the maximum; so do connects that fail before they start (a host name that does not resolve).
 */
@Timeout(30)
class UnreachableServerBackoffTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void parallelConnectsThatFailTogetherBackOffOncePerTryAndThePostEndsWithTheConnectFault() throws Exception {
        int port = closedPort();
        postsEndWithTheConnectFaultAfterOneBackoffPerTry("127.0.0.1", port, "Cannot connect to dead (127.0.0.1:" + port
                + "): ");
    }

    @Test
    void connectsThatFailAtOnceForAHostThatDoesNotResolveBackOffOncePerTryToo() throws Exception {
        // Not a valid IPv6 literal: the JDK refuses it without a DNS query, before the connect
        // starts, as it does a name a hosts file (jdk.net.hosts.file) or the resolver lacks.
        postsEndWithTheConnectFaultAfterOneBackoffPerTry("[no-such-host]", 119,
                "Cannot connect to dead ([no-such-host]:119): the host name does not resolve; check the host in the"
                        + " profile and your DNS");
    }

    private static void postsEndWithTheConnectFaultAfterOneBackoffPerTry(String host, int port, String message) {
        AtomicInteger backoffs = new AtomicInteger();
        AtomicInteger connectFailures = new AtomicInteger();
        NntpEventListener listener = new NntpEventListener() {
            @Override
            public void onBackoff(String server, Duration delay) {
                backoffs.incrementAndGet();
            }

            @Override
            public void onConnectFailed(String server, NntpException cause) {
                connectFailures.incrementAndGet();
            }
        };
        NntpServerOptions dead = NntpServerOptions.defaults("dead", host, port)
                .withPool(NntpPoolOptions.defaults().withMaxConnections(8)
                        .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(30)));
        int attempts = 5;
        try (NntpCluster cluster = NntpCluster.create(List.of(dead), ClusterFixture.options(attempts), listener)) {
            cluster.openAhead(NntpServerOptions.Role.POST);
            List<java.util.concurrent.CompletableFuture<PostResult>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "<dead" + i + "@usync.test>";
                posts.add(cluster.post(id, TestArticles.article(id, TestArticles.binaryBody(100, i))));
            }
            for (var post : posts) {
                // The connect fault itself, or the open circuit those faults tripped, naming it as its cause.
                assertThatThrownBy(post::join).isInstanceOf(CompletionException.class).satisfies(e -> {
                    Throwable fault = e.getCause() instanceof NntpUnavailableException u ? u.getCause() : e.getCause();
                    assertThat(fault).isInstanceOf(NntpConnectException.class)
                            .hasMessageContaining(message);
                });
            }
        }
        assertThat(connectFailures.get()).as("connects tried").isGreaterThan(attempts);
        assertThat(backoffs.get()).as("backoffs (one per failed try)").isLessThanOrEqualTo(attempts + 1);
    }
}
