package io.usync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigErrorsTest {

    private static final String SERVER = """
            servers:
              - name: a
                host: news.example
                roles: [read]
            """;

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("empty file", "", "config.yaml:1:1: the file is empty"),
                Arguments.of("syntax", "servers: [\n  - name: a\n", "YAML syntax error"),
                Arguments.of("two documents", SERVER + "---\nx: 1\n", "more than one YAML document"),
                Arguments.of("root list", "- a\n- b\n", "config.yaml:1:1: the configuration must be a mapping"),
                Arguments.of("no servers", "upload:\n  retries: 1\n", "is missing 'servers'"),
                Arguments.of("servers scalar", "servers: x\n", "config.yaml:1:10: servers must be a list"),
                Arguments.of("servers empty", "servers: []\n", "servers is empty"),
                Arguments.of("server scalar", "servers:\n  - x\n", "config.yaml:2:5: servers[0] must be a mapping"),
                Arguments.of("no name", "servers:\n  - host: h\n", "servers[0] is missing 'name'"),
                Arguments.of("bad name", "servers:\n  - name: 'a b'\n    host: h\n", "config.yaml:2:11: servers[0].name 'a b' is not"),
                Arguments.of("no host", "servers:\n  - name: a\n", "server 'a' is missing 'host'"),
                Arguments.of("bad host", "servers:\n  - name: a\n    host: 'nntp://x y'\n", "is not a host name"),
                Arguments.of("unknown server key", SERVER + "    hots: x\n", "config.yaml:5:5: unknown key 'hots' in server 'a' - remove it or use one of:"),
                Arguments.of("unknown top key", SERVER + "uplod:\n  retries: 1\n", "config.yaml:5:1: unknown key 'uplod'"),
                Arguments.of("quoted port", SERVER + "    port: '119'\n", "config.yaml:5:11: server 'a'.port must be a whole number, found text"),
                Arguments.of("port range", SERVER + "    port: 70000\n", "port is 70000, outside 1..65535 - use a value between 1 and 65535"),
                Arguments.of("huge number", SERVER + "    port: 99999999999999999999999\n", "outside 1..65535"),
                Arguments.of("connections zero", SERVER + "    connections: 0\n", "connections is 0, outside 1..200"),
                Arguments.of("priority type", SERVER + "    priority: high\n", "priority must be a whole number"),
                Arguments.of("group range", SERVER + "    group: 100\n", "group is 100"),
                Arguments.of("tls mode", SERVER + "    tls: ssl\n", "tls 'ssl' is not a TLS mode - use implicit, starttls or none"),
                Arguments.of("tls type", SERVER + "    tls: [implicit]\n", "tls must be text, found a list"),
                Arguments.of("insecure type", SERVER + "    insecure: 'yes please'\n", "insecure must be true or false"),
                Arguments.of("insecure plain", SERVER + "    tls: none\n    insecure: true\n", "insecure has no meaning with tls: none"),
                Arguments.of("truststore insecure", SERVER + "    insecure: true\n    trustStore:\n      path: x.p12\n", "trustStore needs tls with verification"),
                Arguments.of("truststore no path", SERVER + "    trustStore:\n      password: env:X\n", "trustStore is missing 'path'"),
                Arguments.of("truststore unknown", SERVER + "    trustStore:\n      path: x\n      type: jks\n", "config.yaml:7:7: unknown key 'type'"),
                Arguments.of("truststore scalar", SERVER + "    trustStore: x.p12\n", "trustStore must be a mapping"),
                Arguments.of("user without password", SERVER + "    username: u\n", "username and password go together - add 'password: env:VARIABLE'"),
                Arguments.of("password without user", SERVER + "    password: env:P\n", "username and password go together - add 'username: ...'"),
                Arguments.of("username control", SERVER + "    username: \"a\\tb\"\n    password: env:P\n", "username is empty, too long or has control characters"),
                Arguments.of("inline password", SERVER + "    username: u\n    password: hunter2\n", "config.yaml:6:15: server 'a'.password looks like an inline secret, which is refused - write password: env:VARIABLE or password: file:/path/to/secret"),
                Arguments.of("numeric password", SERVER + "    username: u\n    password: 123456\n", "an inline secret is refused"),
                Arguments.of("bad env name", SERVER + "    username: u\n    password: env:1-X\n", "names an invalid environment variable"),
                Arguments.of("empty file ref", SERVER + "    username: u\n    password: 'file:'\n", "has an empty file path"),
                Arguments.of("roles empty", SERVER.replace("roles: [read]", "roles: []"), "roles is empty"),
                Arguments.of("unknown role", SERVER.replace("roles: [read]", "roles: [read, leech]"), "config.yaml:4:19: role 'leech' is unknown - use post, check or read"),
                Arguments.of("post without groups", SERVER.replace("roles: [read]", "roles: [post]"), "server 'a' can post but has no newsgroups"),
                Arguments.of("bad newsgroup", SERVER + "    newsgroups: [Alt Binaries]\n", "newsgroup 'Alt Binaries' is not a newsgroup name"),
                Arguments.of("from without address", SERVER + "    from: nobody\n", "from must be one line with an address"),
                Arguments.of("retention range", SERVER + "    retentionDays: 0\n", "retentionDays is 0, outside 1..100000"),
                Arguments.of("duplicate names", SERVER + "  - name: a\n    host: h2\n    roles: [read]\n", "config.yaml:5:5: server name 'a' is used twice"),
                Arguments.of("duplicate key", SERVER + "    host: other\n", "config.yaml:5:5: duplicate key 'host'"),
                Arguments.of("index scalar", SERVER + "index: embedded\n", "index must be a mapping"),
                Arguments.of("index url", SERVER + "index:\n  jdbcUrl: jdbc:mysql://x/db\n", "jdbcUrl must be a PostgreSQL JDBC URL"),
                Arguments.of("index user alone", SERVER + "index:\n  user: u\n", "user and password apply only to an external database"),
                Arguments.of("index inline password", SERVER + "index:\n  jdbcUrl: jdbc:postgresql://h/db\n  password: pw\n", "index.password looks like an inline secret"),
                Arguments.of("index pool", SERVER + "index:\n  poolSize: 0\n", "index.poolSize is 0, outside 1..256"),
                Arguments.of("index batch", SERVER + "index:\n  copyBatchRows: 10\n", "copyBatchRows is 10, outside 100..10000000"),
                Arguments.of("index fetch type", SERVER + "index:\n  fetchSize: 1.5\n", "fetchSize must be a whole number, found a decimal number"),
                Arguments.of("index unknown", SERVER + "index:\n  url: x\n", "unknown key 'url' in index"),
                Arguments.of("article size", SERVER + "upload:\n  articleSize: 100\n", "upload.articleSize is 100, outside 16384..8388608"),
                Arguments.of("line length", SERVER + "upload:\n  lineLength: 5000\n", "upload.lineLength is 5000"),
                Arguments.of("in flight", SERVER + "upload:\n  inFlightArticles: -1\n", "upload.inFlightArticles is -1"),
                Arguments.of("retries", SERVER + "upload:\n  retries: 101\n", "upload.retries is 101"),
                Arguments.of("delay format", SERVER + "upload:\n  postCheckDelay: 30\n", "upload.postCheckDelay must be a duration, found a whole number - write a duration such as 500ms, 30s, 5m or 1h between 0s and 1h"),
                Arguments.of("delay unit", SERVER + "upload:\n  postCheckDelay: 30 seconds\n", "'30 seconds' is not a duration"),
                Arguments.of("delay range", SERVER + "upload:\n  postCheckDelay: 2h\n", "postCheckDelay 2h is outside 0s..1h"),
                Arguments.of("check retries", SERVER + "upload:\n  postCheckRetries: 500\n", "postCheckRetries is 500"),
                Arguments.of("compression type", SERVER + "upload:\n  compression: 'on'\n", "compression must be true or false"),
                Arguments.of("saving range", SERVER + "upload:\n  compressionMinSaving: 0.95\n", "compressionMinSaving is 0.95, outside 0.0..0.9"),
                Arguments.of("saving type", SERVER + "upload:\n  compressionMinSaving: lots\n", "compressionMinSaving must be a number"),
                Arguments.of("upload unknown", SERVER + "upload:\n  chunk: 1\n", "unknown key 'chunk' in upload"),
                Arguments.of("depth", SERVER + "download:\n  pipelineDepth: 0\n", "download.pipelineDepth is 0, outside 1..256"),
                Arguments.of("download in flight", SERVER + "download:\n  inFlightArticles: 9000\n", "download.inFlightArticles is 9000"),
                Arguments.of("download retries", SERVER + "download:\n  retries: x\n", "download.retries must be a whole number"),
                Arguments.of("connect timeout", SERVER + "download:\n  connectTimeout: 10ms\n", "connectTimeout 10ms is outside 100ms..10m"),
                Arguments.of("read timeout", SERVER + "download:\n  readTimeout: 2h\n", "readTimeout 2h is outside 100ms..1h"),
                Arguments.of("alias is not expanded", "a: &x [1]\nservers: *x\n", "servers must be a list"),
                Arguments.of("binary tag", SERVER + "    from: !!binary aGVsbG8=\n", "unsupported YAML content"),
                Arguments.of("hex port", SERVER + "    port: 0x11177\n", "port is 70007, outside 1..65535"),
                Arguments.of("download unknown", SERVER + "download:\n  depth: 1\n", "unknown key 'depth' in download"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void refusesWithOneLineNamingFileLineColumnAndFix(String what, String yaml, String expected) {
        assertThatThrownBy(() -> ConfigLoaderTest.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(expected);
                    assertThat(e.getMessage()).matches("config\\.yaml:\\d+:\\d+: .+ - .+");
                    assertThat(e.getMessage()).doesNotContain("\n");
                    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("123456");
                });
    }
}
