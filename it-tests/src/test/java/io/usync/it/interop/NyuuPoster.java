package io.usync.it.interop;

import io.usync.it.support.ExternalProgram;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Nyuu (npm package {@code nyuu}, installed by scripts/lib/nyuu.sh) posting a folder to the loopback
 * INN2 plain port and writing its NZB. Found at {@code $USYNC_NYUU}, else where that script puts it.
 */
final class NyuuPoster {

    /** Where scripts/lib/nyuu.sh installs Nyuu by default. */
    static final Path DEFAULT_PATH = Path.of("/tmp/nyuu/node_modules/.bin/nyuu");

    private final ExternalProgram nyuu;

    private NyuuPoster(ExternalProgram nyuu) {
        this.nyuu = nyuu;
    }

    /** Nyuu from {@code $USYNC_NYUU} or its default path; skips (fails under CI) without it. */
    static NyuuPoster require() {
        return new NyuuPoster(ExternalProgram.require("USYNC_NYUU", List.of(DEFAULT_PATH),
                "run scripts/test.sh (it installs Nyuu with npm) or: source scripts/lib/nyuu.sh && usync_install_nyuu"));
    }

    /**
     * Posts every file under {@code folder} (recursively) to {@code inn} with articles of
     * {@code articleSize} (a Nyuu size such as {@code 64K}) in one write each ({@code --post-chunk-size 0}),
     * no post check, and writes the NZB to {@code nzb}; the run's log goes to {@code log}.
     */
    void post(InnServer inn, Path folder, String articleSize, Path nzb, Path log) throws InterruptedException {
        if (!inn.host().equals("127.0.0.1") && !inn.host().equals("::1") && !inn.host().equals("localhost")) {
            throw new IllegalArgumentException("Nyuu may only post to a loopback news server, not " + inn.host());
        }
        ExternalProgram.Outcome run = nyuu.run(folder.getParent(), Map.of(), log, 120, List.of(
                "--host", inn.host(), "--port", Integer.toString(inn.port()), "--connections", "2",
                "--article-size", articleSize, "--post-chunk-size", "0", "--check-tries", "0",
                "--from", "usync-it <it@usync.test>", "--groups", inn.group(), "--subdirs", "keep",
                "--out", nzb.toString(), "--overwrite", folder.toString()));
        if (run.exit() != 0) {
            throw new AssertionError("Nyuu did not post " + folder + ": " + run);
        }
    }
}
