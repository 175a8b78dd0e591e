package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.testing.FakeNntpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    private static String plainServer(String name, String host, int port) {
        return "  - name: " + name + "\n    host: " + host + "\n    port: " + port
                + "\n    tls: none\n    roles: [read]\n";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void missingConfigFileIsAConfigErrorNamingTheFile() {
        Path missing = dir.resolve("none.yaml");
        CliRun run = CliRun.run("--config", missing.toString(), "profiles", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(run.err()).contains(missing.toString()).contains("--config");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void defaultConfigFileComesFromXdgConfigHome() throws IOException {
        Path file = dir.resolve("xdg/usync/config.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "servers:\n" + plainServer("home", "127.0.0.1", 119));
        CliRun run = CliRun.run(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString(), "HOME", "/nonexistent"),
                "profiles", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).startsWith("home ");
    }

    @Test
    void invalidConfigIsOneLineWithFileLineAndColumn() throws IOException {
        Path file = config("servers:\n" + plainServer("a", "127.0.0.1", 119) + "    colour: blue\n");
        CliRun run = CliRun.run("--config", file.toString(), "profiles", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(run.err()).containsPattern("config\\.yaml:\\d+:\\d+: ");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTraceOnlyWhenAsked() throws IOException {
        Path file = config("servers: 3\n");
        CliRun quiet = CliRun.run("--config", file.toString(), "profiles", "list");
        CliRun verbose = CliRun.run("--config", file.toString(), "-v", "profiles", "list");
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.err()).contains("\tat ");
        assertThat(verbose.exit()).isEqualTo(ExitCode.CONFIG.code());
    }

    @Test
    void listPrintsOneLinePerProfileAndOnlyTheSecretReference() throws IOException {
        Path file = config("servers:\n" + plainServer("a", "127.0.0.1", 119)
                + "  - name: b\n    host: news.example.com\n    port: 563\n    tls: implicit\n"
                + "    username: alice\n    password: env:B_PASSWORD\n    roles: [read]\n");
        CliRun run = CliRun.run(Map.of("B_PASSWORD", "hunter2-secret-value", "HOME", "/nonexistent"),
                "--config", file.toString(), "profiles", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).contains("news.example.com:563", "tls=implicit", "login=alice", "env:B_PASSWORD");
        assertThat(run.out() + run.err()).doesNotContain("hunter2-secret-value");
    }

    @Test
    void globalOptionsAfterTheSubcommandSelectProfiles() throws IOException {
        Path file = config("servers:\n" + plainServer("a", "127.0.0.1", 119) + plainServer("b", "127.0.0.1", 120));
        CliRun run = CliRun.run("profiles", "list", "--profile", "b", "--config", file.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out().lines()).singleElement().asString().startsWith("b ");
    }

    @Test
    void unknownProfileIsAConfigErrorListingTheKnownOnes() throws IOException {
        Path file = config("servers:\n" + plainServer("a", "127.0.0.1", 119));
        CliRun run = CliRun.run("--config", file.toString(), "--profile", "zz", "profiles", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(run.err()).contains("'zz'").contains("a");
    }

    @Test
    void testReportsOkWithCapabilitiesAndLatency() throws IOException {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            Path file = config("servers:\n" + plainServer("fake", server.host(), server.port()));
            CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK.code());
            assertThat(run.out()).contains("fake: ok", "DATE round trip", "capabilities:");
        }
    }

    @Test
    void testReportsARefusedConnectionAsNetwork() throws IOException {
        Path file = config("servers:\n" + plainServer("gone", "127.0.0.1", closedPort()));
        CliRun run = CliRun.run("--config", file.toString(), "profiles", "test", "gone");
        assertThat(run.exit()).isEqualTo(ExitCode.NETWORK.code());
        assertThat(run.out()).contains("gone: FAILED (refused)");
    }

    @Test
    void testReportsAnUnresolvableHostAsDns() throws IOException {
        Path file = config("servers:\n" + plainServer("nowhere", "no-such-host.invalid", 119));
        CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
        assertThat(run.exit()).isEqualTo(ExitCode.NETWORK.code());
        assertThat(run.out()).contains("nowhere: FAILED (dns)", "no-such-host.invalid");
    }

    @Test
    void testReportsARejectedLoginAsAuth() throws IOException {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().requireAuth("alice", "right-password");
            Path file = config("servers:\n  - name: locked\n    host: 127.0.0.1\n    port: " + server.port()
                    + "\n    tls: none\n    username: alice\n    password: env:LOCKED_PASSWORD\n    roles: [read]\n");
            CliRun run = CliRun.run(Map.of("LOCKED_PASSWORD", "wrong-password", "HOME", "/nonexistent"),
                    "--config", file.toString(), "profiles", "test");
            assertThat(run.exit()).isEqualTo(ExitCode.AUTH.code());
            assertThat(run.out()).contains("locked: FAILED (auth)").doesNotContain("wrong-password");
        }
    }

    @Test
    void testReportsAConnectionLimitAsLimit() throws IOException {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().greetingCode(502);
            Path file = config("servers:\n" + plainServer("full", server.host(), server.port()));
            CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
            assertThat(run.exit()).isEqualTo(ExitCode.LIMIT.code());
            assertThat(run.out()).contains("full: FAILED (limit)");
        }
    }

    @Test
    void testReportsTlsAgainstAPlainServerAsTls() throws IOException {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            Path file = config("servers:\n  - name: clear\n    host: 127.0.0.1\n    port: " + server.port()
                    + "\n    tls: implicit\n    roles: [read]\n");
            CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
            assertThat(run.exit()).isEqualTo(ExitCode.TLS.code());
            assertThat(run.out()).contains("clear: FAILED (tls)");
        }
    }

    @Test
    void testReportsAnUnsetPasswordVariableAsConfig() throws IOException {
        Path file = config("servers:\n  - name: nopw\n    host: 127.0.0.1\n    port: 119\n    tls: none\n"
                + "    username: bob\n    password: env:USYNC_TEST_UNSET_VARIABLE\n    roles: [read]\n");
        CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
        assertThat(run.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(run.out()).contains("nopw: FAILED (config)", "USYNC_TEST_UNSET_VARIABLE");
    }

    @Test
    void testCarriesOnAfterAFailureAndReturnsTheFirstFailuresCode() throws IOException {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            Path file = config("servers:\n" + plainServer("gone", "127.0.0.1", closedPort())
                    + plainServer("fine", server.host(), server.port()));
            CliRun run = CliRun.run("--config", file.toString(), "profiles", "test");
            assertThat(run.exit()).isEqualTo(ExitCode.NETWORK.code());
            assertThat(run.out()).contains("gone: FAILED", "fine: ok");
        }
    }
}
