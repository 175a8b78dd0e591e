package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.it.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed profiles and share ids through {@code Main}: each gives one clear line on standard
 * error (no stack trace), the documented exit code (CONFIG for a profile file, USAGE for a share
 * id typed on the command line) and never echoes a secret.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileCliInputIT {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("HOME", dir.resolve("home").toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString(), "IT_SECRET", "s3cr3t-never-shown");
    }

    private static void assertOneClearLine(CliRun.Result run) {
        assertThat(run.err().lines().filter(l -> !l.isBlank()).toList()).as("%s", run).hasSize(1);
        assertThat(run.err()).as("%s", run).startsWith("usync: ").doesNotContain("Exception", "\tat ");
        assertThat(run.everything()).doesNotContain("s3cr3t-never-shown");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {
        "servers: [\n  - name: a\n",
        "servers:\n\t- name: tabbed\n",
        "servers:\n  - name: a\n    host: 127.0.0.1\n    port: 99999\n    newsgroups: [alt.test]\n",
        "servers:\n  - name: a\n    host: 127.0.0.1\n    colour: blue\n",
        "servers:\n  - name: a\n    host: 127.0.0.1\n    username: u\n    password: s3cr3t-never-shown\n",
        "servers:\n  - name: ../../etc\n    host: 127.0.0.1\n",
        "servers: !!java.lang.Runtime {}\n",
        "servers: &a [*a, *a, *a]\n",
        "upload:\n  articleSize: -1\nservers:\n  - name: a\n    host: 127.0.0.1\n",
        "\u0000\u0001\u0002binary",
        ""
    })
    void aMalformedProfileFileIsOneClearLineAndTheConfigExitCode(String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), yaml);
        CliRun.Result run = CliRun.run(env(), "--config", config.toString(), "profiles", "list");
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.CONFIG.code());
        assertOneClearLine(run);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {
        "usync1-",
        "usync1-!!!!",
        "usync1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "usync1-ahzdsyhmqq4uukn6jhop7wpwngcm4urdauib4hgkhhanem6vhhrgnige6q3ja42m3geuqrp6cuscw3z65prvp",
        "usync1-ahzdsyhmqq4uukn6jhop7wpwngcm4urdauib4hgkhhanem6vhhrgnige6q3ja42m3",
        "usync1-ahzdsyhmqq4uukn6jhop7wpwngcm4urdauib4hgkhhanem6vhhrgnige6q3ja42m3geuqrp6cuscw3z65prvo\u0007\r\n"
    })
    void aMalformedShareIdIsOneClearLineAndWritesNothing(String id) {
        CliRun.Result run = CliRun.run(env(), "download", id, "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isNotIn(ExitCode.OK.code(), ExitCode.FAILED.code());
        assertOneClearLine(run);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPasswordShareIdWithHugeKdfParametersIsRefusedAtOnce() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cr3t-never-shown\n");
        String id = HostileCodecInputIT.protectedShareId(Integer.MAX_VALUE, 255, 255);
        CliRun.Result run = CliRun.run(env(), "download", id, "--password-file", password.toString(), "-o",
                dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isNotIn(ExitCode.OK.code(), ExitCode.FAILED.code());
        assertOneClearLine(run);
    }

    @Test
    void aMalformedShareIdGivesTheUsageExitCode() {
        CliRun.Result run = CliRun.run(env(), "download", "usync1-!!!!", "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.USAGE.code());
    }
}
