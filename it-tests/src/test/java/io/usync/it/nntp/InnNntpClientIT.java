package io.usync.it.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.usync.nntp.FetchResult;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpCredentials;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.NntpTrustStore;
import io.usync.nntp.PostResult;
import io.usync.nntp.ProbeReport;
import io.usync.nntp.StatResult;
import io.usync.nntp.testing.InnServer;
import io.usync.nntp.testing.TestArticles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The NNTP client against real INN2 on loopback: plain, AUTHINFO and implicit TLS ports. */
@Timeout(120)
class InnNntpClientIT {

    private InnServer inn;

    @BeforeEach
    void findInn() {
        inn = InnServer.require();
    }

    private static String newId(String tag) {
        return "<" + tag + "." + UUID.randomUUID() + "@it.usync.test>";
    }

    private NntpServerOptions plain() {
        return NntpServerOptions.defaults("inn", inn.host(), inn.port());
    }

    private NntpServerOptions tls(Optional<NntpTrustStore> store) {
        return NntpServerOptions.defaults("inn-tls", inn.host(), inn.tlsPort())
                .withTls(NntpServerOptions.Tls.IMPLICIT, store, false)
                .withCredentials(NntpCredentials.of(inn.user(), inn.password()));
    }

    private NntpTrustStore trustStore() {
        return NntpTrustStore.pkcs12(inn.trustStore(), new String(inn.trustStorePassword()));
    }

    private static NntpCluster cluster(NntpServerOptions server) {
        return NntpCluster.create(List.of(server), NntpClusterOptions.defaults().withAttempts(2),
                NntpEventListener.NONE);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void postsThenFetchesAndStatsOneMegabyteBinaryArticles() {
        try (NntpCluster cluster = cluster(plain())) {
            List<String> ids = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            List<CompletableFuture<PostResult>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = newId("rt" + i);
                byte[] body = TestArticles.binaryBody(1_000_000, i);
                ids.add(id);
                bodies.add(body);
                posts.add(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)));
            }
            for (CompletableFuture<PostResult> p : posts) {
                assertThat(p.join()).isEqualTo(new PostResult.Accepted("inn"));
            }
            for (int i = 0; i < ids.size(); i++) {
                FetchResult<byte[]> fetched = cluster.body(ids.get(i), TestArticles.collectBytes()).join();
                byte[] expected = bodies.get(i);
                assertThat(fetched).isInstanceOfSatisfying(FetchResult.Fetched.class,
                        f -> assertThat((byte[]) f.value()).isEqualTo(expected));
                assertThat(cluster.stat(ids.get(i), Optional.empty()).join()).isEqualTo(new StatResult.Found("inn"));
            }
            assertThat(cluster.stat(newId("never"), Optional.empty()).join())
                    .isEqualTo(new StatResult.Missing(List.of("inn")));
        }
    }

    @Test
    void reportsARepostOfTheSameIdAsDuplicate() {
        try (NntpCluster cluster = cluster(plain())) {
            String id = newId("dup");
            byte[] body = TestArticles.binaryBody(10_000, 9);
            assertThat(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)).join())
                    .isInstanceOf(PostResult.Accepted.class);
            assertThat(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)).join())
                    .isInstanceOf(PostResult.Duplicate.class);
        }
    }

    @Test
    void logsInOnTheAuthPort() {
        NntpServerOptions auth = NntpServerOptions.defaults("inn-auth", inn.host(), inn.authPort())
                .withCredentials(NntpCredentials.of(inn.user(), inn.password()));
        try (NntpCluster cluster = cluster(auth)) {
            String id = newId("auth");
            byte[] body = TestArticles.binaryBody(50_000, 11);
            assertThat(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)).join())
                    .isEqualTo(new PostResult.Accepted("inn-auth"));
            assertThat(cluster.body(id, TestArticles.collectBytes()).join()).isInstanceOf(FetchResult.Fetched.class);
        }
    }

    @Test
    void failsClearlyOnAWrongPassword() {
        NntpServerOptions auth = NntpServerOptions.defaults("inn-auth", inn.host(), inn.authPort())
                .withCredentials(NntpCredentials.of(inn.user(), "not-the-password"));
        try (NntpCluster cluster = cluster(auth)) {
            Throwable error = failure(cluster.stat(newId("pw"), Optional.empty()));
            assertThat(error).isInstanceOf(NntpAuthException.class)
                    .hasMessageContaining(inn.user()).hasMessageContaining("check the user name and password")
                    .hasMessageNotContaining("not-the-password");
        }
    }

    @Test
    void failsClearlyWithoutALoginOnTheAuthPort() {
        NntpServerOptions auth = NntpServerOptions.defaults("inn-auth", inn.host(), inn.authPort());
        try (NntpCluster cluster = cluster(auth)) {
            assertThat(failure(cluster.stat(newId("anon"), Optional.empty())))
                    .isInstanceOf(NntpAuthException.class).hasMessageContaining("480");
        }
    }

    @Test
    void roundTripsOverImplicitTlsWithTheTestTrustStore() {
        try (NntpCluster cluster = cluster(tls(Optional.of(trustStore())))) {
            ProbeReport probe = cluster.probe("inn-tls").join();
            assertThat(probe.tls()).isTrue();
            assertThat(probe.authenticated()).isTrue();
            String id = newId("tls");
            byte[] body = TestArticles.binaryBody(1_000_000, 13);
            assertThat(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)).join())
                    .isEqualTo(new PostResult.Accepted("inn-tls"));
            FetchResult<byte[]> fetched = cluster.body(id, TestArticles.collectBytes()).join();
            assertThat(fetched).isInstanceOfSatisfying(FetchResult.Fetched.class,
                    f -> assertThat((byte[]) f.value()).isEqualTo(body));
        }
    }

    @Test
    void refusesAnUntrustedCertificateWithAClearError() {
        try (NntpCluster cluster = cluster(tls(Optional.empty()))) {
            Throwable error = failure(cluster.stat(newId("cert"), Optional.empty()));
            assertThat(error).isInstanceOf(NntpTlsException.class).hasMessageContaining("inn-tls")
                    .hasMessageContaining("trust store");
        }
    }

    @Test
    void upgradesWithStartTlsBeforeLoggingIn() {
        NntpServerOptions startTls = NntpServerOptions.defaults("inn-starttls", inn.host(), inn.authPort())
                .withTls(NntpServerOptions.Tls.STARTTLS, Optional.of(trustStore()), false)
                .withCredentials(NntpCredentials.of(inn.user(), inn.password()));
        try (NntpCluster cluster = cluster(startTls)) {
            ProbeReport probe = cluster.probe("inn-starttls").join();
            assertThat(probe.tls()).isTrue();
            assertThat(probe.capabilities()).noneMatch(line -> line.startsWith("STARTTLS"));
            String id = newId("starttls");
            byte[] body = TestArticles.binaryBody(100_000, 17);
            assertThat(cluster.post(id, TestArticles.article(id, inn.group(), body, ByteBufAllocator.DEFAULT)).join())
                    .isEqualTo(new PostResult.Accepted("inn-starttls"));
            FetchResult<byte[]> fetched = cluster.body(id, TestArticles.collectBytes()).join();
            assertThat(fetched).isInstanceOfSatisfying(FetchResult.Fetched.class,
                    f -> assertThat((byte[]) f.value()).isEqualTo(body));
        }
    }

    @Test
    void refusesAnUntrustedCertificateAfterStartTls() {
        NntpServerOptions startTls = NntpServerOptions.defaults("inn-starttls", inn.host(), inn.authPort())
                .withTls(NntpServerOptions.Tls.STARTTLS, Optional.empty(), false)
                .withCredentials(NntpCredentials.of(inn.user(), inn.password()));
        try (NntpCluster cluster = cluster(startTls)) {
            assertThat(failure(cluster.stat(newId("st-cert"), Optional.empty())))
                    .isInstanceOf(NntpTlsException.class).hasMessageContaining("trust store");
        }
    }

    @Test
    void refusesACertificateIssuedForAnotherHostName() throws Exception {
        String otherName = java.net.InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                !otherName.equalsIgnoreCase("localhost")
                        && java.net.InetAddress.getByName(otherName).getHostAddress().equals(inn.host()),
                "the machine's host name does not resolve to " + inn.host() + "; no second name to test with");
        NntpServerOptions wrongName = NntpServerOptions.defaults("inn-name", otherName, inn.tlsPort())
                .withTls(NntpServerOptions.Tls.IMPLICIT, Optional.of(trustStore()), false)
                .withCredentials(NntpCredentials.of(inn.user(), inn.password()));
        try (NntpCluster cluster = cluster(wrongName)) {
            assertThat(failure(cluster.stat(newId("name"), Optional.empty())))
                    .isInstanceOf(NntpTlsException.class).hasMessageContaining("host name");
        }
        NntpServerOptions insecure = wrongName.withTls(NntpServerOptions.Tls.IMPLICIT, Optional.empty(), true);
        try (NntpCluster cluster = cluster(insecure)) {
            assertThat(cluster.stat(newId("insecure"), Optional.empty()).join()).isInstanceOf(StatResult.Missing.class);
        }
    }
}
