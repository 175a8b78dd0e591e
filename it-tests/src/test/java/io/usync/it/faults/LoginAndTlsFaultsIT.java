package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.core.ShareId;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.RootKey;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.it.support.TcpRelay;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login and TLS refusals through the CLI: a wrong password (481) fails fast with one line and the
 * password in no output or log; a self-signed certificate that the profile does not trust, or a
 * trusted one reached under a name it was not issued for, is refused with a clear message, and the
 * same server works once the profile trusts it under the right name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginAndTlsFaultsIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static final String WRONG = "wr0ng-Pa55word-" + Long.toHexString(new SecureRandom().nextLong());

    @TempDir
    Path dir;

    private static String anyShareId() {
        SecureRandom random = new SecureRandom();
        return new ShareId.Public(ShareLocator.random(random), RootKey.generate(random)).asText();
    }

    /** Gives the profile's server a login: {@code user} and the password in the variable IT_PASSWORD. */
    private static void withLogin(CliEnvironment env, String user) throws java.io.IOException {
        java.nio.file.Files.writeString(env.configFile(), java.nio.file.Files.readString(env.configFile())
                .replace("    tls: none\n", "    tls: none\n    username: " + user + "\n    password: env:IT_PASSWORD\n"));
    }

    private static void assertOneLine(CliRun.Result run) {
        assertThat(run.err().lines().filter(l -> l.startsWith("usync: ")).toList()).as("%s", run).hasSize(1);
        assertThat(run.everything()).as("%s", run).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void aWrongPasswordFailsTheUploadFastWithOneLineAndThePasswordNowhere() throws Exception {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().requireAuth("usync", "the-right-one");
            CliEnvironment env = CliEnvironment.create(dir, server.host(), server.port(), "alt.binaries.test", DB,
                    DB.jdbcUrl(), "").with("IT_PASSWORD", WRONG);
            withLogin(env, "usync");
            Path source = SourceTree.write(dir.resolve("src"), 61, 3, 30_000);
            CliRun.Result run = CliRun.run(env.variables(), "upload", source.toString());
            assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.AUTH.code());
            assertOneLine(run);
            assertThat(run.everything()).doesNotContain(WRONG);
            assertThat(server.commands("AUTHINFO")).as("AUTHINFO commands (no retry loop)").isLessThanOrEqualTo(8);
            assertThat(server.postsReceived()).isZero();
        }
    }

    @Test
    void aWrongPasswordNeverAppearsInAnyOutputOrLogOfAFailedUpload() throws Exception {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().requireAuth("usync", "the-right-one");
            CliEnvironment env = CliEnvironment.create(dir, server.host(), server.port(), "alt.binaries.test", DB,
                    DB.jdbcUrl(), "").with("IT_PASSWORD", WRONG);
            withLogin(env, "usync");
            Path source = SourceTree.write(dir.resolve("src"), 62, 3, 30_000);
            CliRun.Result run = CliRun.run(env.variables(), "-v", "upload", source.toString());
            assertThat(run.exit()).as("%s", run).isNotZero();
            assertThat(run.everything()).as("%s", run).contains("481").doesNotContain(WRONG);
            assertThat(server.postsReceived()).isZero();
        }
    }

    @Test
    void aWrongPasswordAgainstInnFailsTheUploadWithTheAuthCodeOneLineAndThePasswordNowhere() throws Exception {
        InnServer inn = InnServer.require();
        CliEnvironment env = CliEnvironment.create(dir, inn.host(), inn.authPort(), inn.group(), DB, DB.jdbcUrl(), "")
                .with("IT_PASSWORD", WRONG);
        withLogin(env, inn.user());
        Path source = SourceTree.write(dir.resolve("src"), 63, 3, 30_000);

        CliRun.Result run = CliRun.run(env.variables(), "upload", source.toString());

        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.AUTH.code());
        assertOneLine(run);
        assertThat(run.err()).contains("481");
        assertThat(run.everything()).doesNotContain(WRONG);
        assertThat(run.out()).doesNotContain("usync1-");
    }

    @Test
    void aWrongPasswordAgainstInnFailsTheDownloadWithOneLineAndThePasswordNowhere() throws Exception {
        InnServer inn = InnServer.require();
        CliEnvironment env = CliEnvironment.create(dir, inn.host(), inn.authPort(), inn.group(), DB, DB.jdbcUrl(), "")
                .with("IT_PASSWORD", WRONG);
        withLogin(env, inn.user());
        CliRun.Result run = CliRun.run(env.variables(), "download", anyShareId(), "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isNotZero();
        assertOneLine(run);
        assertThat(run.err()).contains("481");
        assertThat(run.everything()).doesNotContain(WRONG);
    }

    @Test
    void aDownloadRefusedByLoginOrTlsGivesTheAuthOrTlsExitCode() throws Exception {
        InnServer inn = InnServer.require();
        CliRun.Result tls = CliRun.run(tlsProfile(inn, "localhost", inn.tlsPort(), false).variables(),
                "download", anyShareId(), "-o", dir.resolve("out").toString());
        assertThat(tls.exit()).as("%s", tls).isEqualTo(ExitCode.TLS.code());
        CliEnvironment env = CliEnvironment.create(dir.resolve("auth"), inn.host(), inn.authPort(), inn.group(), DB,
                DB.jdbcUrl(), "").with("IT_PASSWORD", WRONG);
        withLogin(env, inn.user());
        CliRun.Result auth = CliRun.run(env.variables(), "download", anyShareId(), "-o", dir.resolve("out").toString());
        assertThat(auth.exit()).as("%s", auth).isEqualTo(ExitCode.AUTH.code());
    }

    private CliEnvironment tlsProfile(InnServer inn, String host, int port, boolean trusted) throws Exception {
        CliEnvironment env = CliEnvironment.create(dir, host, port, inn.group(), DB, DB.jdbcUrl(), "")
                .with("IT_PASSWORD", inn.password()).with("IT_TRUST", new String(inn.trustStorePassword()));
        String tls = "    tls: implicit\n    username: " + inn.user() + "\n    password: env:IT_PASSWORD\n"
                + (trusted ? "    trustStore:\n      path: " + inn.trustStore() + "\n      password: env:IT_TRUST\n" : "");
        java.nio.file.Files.writeString(env.configFile(), java.nio.file.Files.readString(env.configFile())
                .replace("    tls: none\n", tls));
        return env;
    }

    @Test
    void anUntrustedSelfSignedCertificateIsRefusedWithAClearMessage() throws Exception {
        InnServer inn = InnServer.require();
        CliRun.Result run = CliRun.run(tlsProfile(inn, "localhost", inn.tlsPort(), false).variables(),
                "download", anyShareId(), "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isNotZero();
        assertOneLine(run);
        assertThat(run.err().toLowerCase(java.util.Locale.ROOT)).contains("tls").containsAnyOf("trust", "certific");
        assertThat(run.everything()).doesNotContain(inn.password());
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedEvenWhenTrusted() throws Exception {
        InnServer inn = InnServer.require();
        try (TcpRelay otherName = TcpRelay.start("127.0.0.2", inn.host(), inn.tlsPort())) {
            CliRun.Result run = CliRun.run(tlsProfile(inn, "127.0.0.2", otherName.port(), true).variables(),
                    "download", anyShareId(), "-o", dir.resolve("out").toString());
            assertThat(run.exit()).as("%s", run).isNotZero();
            assertOneLine(run);
            assertThat(run.err().toLowerCase(java.util.Locale.ROOT)).contains("tls").contains("127.0.0.2");
        }
    }

    @Test
    void theSameServerWorksOnceTheProfileTrustsItUnderItsName() throws Exception {
        InnServer inn = InnServer.require();
        CliRun.Result run = CliRun.run(tlsProfile(inn, "localhost", inn.tlsPort(), true).variables(),
                "download", anyShareId(), "-o", dir.resolve("out").toString());
        assertThat(run.err()).as("%s", run).contains("not found").doesNotContainIgnoringCase("certificate");
        assertThat(run.exit()).isNotIn(ExitCode.TLS.code(), ExitCode.AUTH.code());
    }
}
