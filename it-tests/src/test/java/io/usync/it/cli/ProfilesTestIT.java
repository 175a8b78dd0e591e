package io.usync.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.cli.UsyncCommandLine;
import io.usync.nntp.testing.InnServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usync profiles test} against the real INN2 test server: plain, login and implicit TLS. */
class ProfilesTestIT {

    @TempDir
    Path dir;

    private InnServer inn;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        inn = InnServer.require();
        config = Files.writeString(dir.resolve("config.yaml"), """
                servers:
                  - name: plain
                    host: %1$s
                    port: %2$d
                    tls: none
                    newsgroups: [%8$s]
                  - name: login
                    host: %1$s
                    port: %3$d
                    tls: none
                    username: %5$s
                    password: env:IT_INN_PASSWORD
                    roles: [read, check]
                  - name: tls
                    host: localhost
                    port: %4$d
                    tls: implicit
                    trustStore:
                      path: %6$s
                      password: env:IT_TRUSTSTORE_PASSWORD
                    username: %5$s
                    password: env:IT_INN_PASSWORD
                    roles: [read]
                  - name: wrong-password
                    host: %1$s
                    port: %3$d
                    tls: none
                    username: %5$s
                    password: env:IT_WRONG_PASSWORD
                    roles: [read]
                  - name: untrusted
                    host: localhost
                    port: %4$d
                    tls: implicit
                    roles: [read]
                  - name: plain-on-tls-port
                    host: %1$s
                    port: %2$d
                    tls: implicit
                    roles: [read]
                """.formatted(inn.host(), inn.port(), inn.authPort(), inn.tlsPort(), inn.user(), inn.trustStore(),
                "unused", inn.group()));
    }

    private Run usync(String... args) {
        Map<String, String> env = Map.of(
                "HOME", dir.toString(),
                "IT_INN_PASSWORD", inn.password(),
                "IT_TRUSTSTORE_PASSWORD", new String(inn.trustStorePassword()),
                "IT_WRONG_PASSWORD", "not-" + inn.password());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = UsyncCommandLine.create(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env)
                .execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }

    @Test
    void anonymousPlainPortAnswersWithCapabilities() {
        Run run = usync("--config", config.toString(), "profiles", "test", "plain");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("plain: ok", "anonymous", "READER");
    }

    @Test
    void loginPortAcceptsTheTestUser() {
        Run run = usync("--config", config.toString(), "profiles", "test", "login");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("login: ok", "logged in as " + inn.user());
    }

    @Test
    void tlsPortIsVerifiedAgainstTheTrustStoreAndLogsIn() {
        Run run = usync("--config", config.toString(), "profiles", "test", "tls");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("tls: ok", " tls ", "logged in as");
    }

    @Test
    void wrongPasswordIsAnAuthFailureThatNeverShowsThePassword() {
        Run run = usync("--config", config.toString(), "profiles", "test", "wrong-password");
        assertThat(run.exit()).isEqualTo(ExitCode.AUTH.code());
        assertThat(run.out()).contains("wrong-password: FAILED (auth)");
        assertThat(run.out() + run.err()).doesNotContain(inn.password());
    }

    @Test
    void selfSignedCertificateWithoutTrustStoreIsATlsFailure() {
        Run run = usync("--config", config.toString(), "profiles", "test", "untrusted");
        assertThat(run.exit()).isEqualTo(ExitCode.TLS.code());
        assertThat(run.out()).contains("untrusted: FAILED (tls)", "not trusted");
    }

    @Test
    void implicitTlsAgainstThePlainPortIsATlsFailure() {
        Run run = usync("--config", config.toString(), "profiles", "test", "plain-on-tls-port");
        assertThat(run.exit()).isEqualTo(ExitCode.TLS.code());
        assertThat(run.out()).contains("FAILED (tls)", "clear text");
    }
}
