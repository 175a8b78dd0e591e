package io.usync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final Path BASE = Path.of("/etc/usync-test");
    static final Path HOME = Path.of("/home/tester");

    static UsyncConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "config.yaml", BASE, HOME);
    }

    @Test
    void minimalProfileGetsSafeDefaults() {
        UsyncConfig c = parse("""
                servers:
                  - name: local
                    host: 127.0.0.1
                    newsgroups: [alt.binaries.test]
                """);
        ServerProfile s = c.servers().getFirst();
        assertThat(s.tls()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(s.port()).isEqualTo(563);
        assertThat(s.insecure()).isFalse();
        assertThat(s.roles()).containsExactlyInAnyOrder(ServerRole.POST, ServerRole.CHECK, ServerRole.READ);
        assertThat(s.connections()).isEqualTo(8);
        assertThat(s.username()).isEmpty();
        assertThat(c.index()).isEqualTo(IndexSettings.defaults());
        assertThat(c.index().embedded()).isTrue();
        assertThat(c.upload()).isEqualTo(UploadSettings.defaults());
        assertThat(c.upload().articleSize()).isEqualTo(716_800);
        assertThat(c.upload().lineLength()).isEqualTo(128);
        assertThat(c.download()).isEqualTo(DownloadSettings.defaults());
        assertThat(c.warnings()).isEmpty();
        assertThat(c.server("local")).contains(s);
        assertThat(c.server("other")).isEmpty();
    }

    @Test
    void readsEverySettingOfAFullConfig() {
        UsyncConfig c = parse("""
                servers:
                  - name: inn
                    host: localhost
                    port: 1119
                    tls: starttls
                    trustStore:
                      path: certs/inn.p12
                      password: file:store.pw
                    username: bob
                    password: env:INN_PASSWORD
                    connections: 12
                    priority: 2
                    group: 3
                    roles: [read, check]
                    newsgroups: alt.binaries.test
                    from: "bob <bob@example.com>"
                    retentionDays: 3000
                index:
                  jdbcUrl: jdbc:postgresql://127.0.0.1:5432/usync
                  user: usync
                  password: env:DB_PW
                  poolSize: 4
                  copyBatchRows: 20000
                  fetchSize: 100
                upload:
                  articleSize: 500000
                  lineLength: 256
                  inFlightArticles: 32
                  retries: 2
                  postCheckDelay: 1500ms
                  postCheckRetries: 1
                  compression: false
                  compressionMinSaving: 0.1
                download:
                  pipelineDepth: 8
                  inFlightArticles: 64
                  retries: 1
                  connectTimeout: 2s
                  readTimeout: 5m
                """);
        ServerProfile s = c.servers().getFirst();
        assertThat(s.port()).isEqualTo(1119);
        assertThat(s.tls()).isEqualTo(TlsMode.STARTTLS);
        assertThat(s.trustStore()).contains(new TrustStoreSettings(BASE.resolve("certs/inn.p12"),
                Optional.of(SecretRef.file(BASE.resolve("store.pw")))));
        assertThat(s.username()).contains("bob");
        assertThat(s.password()).contains(SecretRef.env("INN_PASSWORD"));
        assertThat(List.of(s.connections(), s.priority(), s.group())).containsExactly(12, 2, 3);
        assertThat(s.roles()).isEqualTo(Set.of(ServerRole.READ, ServerRole.CHECK));
        assertThat(s.has(ServerRole.POST)).isFalse();
        assertThat(s.newsgroups()).containsExactly("alt.binaries.test");
        assertThat(s.from()).contains("bob <bob@example.com>");
        assertThat(s.retentionDays()).contains(3000);
        assertThat(c.index()).isEqualTo(new IndexSettings(Optional.of("jdbc:postgresql://127.0.0.1:5432/usync"),
                Optional.of("usync"), Optional.of(SecretRef.env("DB_PW")), 4, 20000, 100));
        assertThat(c.upload()).isEqualTo(new UploadSettings(500000, 256, 32, 2, Duration.ofMillis(1500), 1, false, 0.1));
        assertThat(c.download()).isEqualTo(new DownloadSettings(8, 64, 1, Duration.ofSeconds(2), Duration.ofMinutes(5)));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void plainPortDefaultsTo119AndHomeSecretPathsExpand() {
        UsyncConfig c = parse("""
                servers:
                  - name: a
                    host: news.example
                    tls: none
                    roles: [read]
                    username: u
                    password: file:~/pw.txt
                """);
        assertThat(c.servers().getFirst().port()).isEqualTo(119);
        assertThat(c.servers().getFirst().password()).contains(SecretRef.file(HOME.resolve("pw.txt")));
        assertThat(c.warnings()).singleElement().asString().contains("without TLS").startsWith("config.yaml:7:");
    }

    @Test
    void insecureIsAcceptedButWarnedAbout() {
        UsyncConfig c = parse("""
                servers:
                  - name: lab
                    host: 127.0.0.1
                    insecure: true
                    roles: [read]
                """);
        assertThat(c.servers().getFirst().insecure()).isTrue();
        assertThat(c.warnings()).singleElement().asString()
                .isEqualTo("config.yaml:4: server 'lab' has insecure: true; its TLS certificate and host name are NOT verified");
    }

    @Test
    void toStringOfAProfileShowsNoSecretReferenceTarget() {
        UsyncConfig c = parse("""
                servers:
                  - name: a
                    host: h
                    roles: [read]
                    username: u
                    password: env:VERY_PRIVATE_VAR
                """);
        assertThat(c.toString()).doesNotContain("VERY_PRIVATE_VAR").contains("SecretRef[env:***]");
    }
}
