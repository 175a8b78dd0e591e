package io.usync.it.yenc;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the Debian yEnc tools; absent tools skip the test visibly, or fail it under {@code CI=true}. */
final class ExternalTools {

    private ExternalTools() {
    }

    /** The python3 that has sabyenc3 (Debian's, not a user's pyenv), or skip/fail. */
    static String pythonWithSabyenc() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (run(List.of(python, "-c", "import sabyenc3"), null).exitCode() == 0) {
                return python;
            }
        }
        return absent("python3-sabyenc (python3 -c 'import sabyenc3' failed)");
    }

    /** The path of a uudeview tool (uudeview or uuenview), or skip/fail. */
    static String uuTool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return absent(name + " (Debian package uudeview)");
    }

    private static String absent(String what) {
        String message = "yEnc interop tool missing: " + what + "; install the packages in .ci/apt-packages.txt";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        System.out.println("SKIPPED: " + message);
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** What a finished process printed and returned. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs a command (in {@code dir} when given) with a 60-second limit, capturing stdout and stderr together. */
    static Outcome run(List<String> command, Path dir) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, "timed out");
            }
            return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }
}
