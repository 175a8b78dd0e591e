package io.usync.it.interop;

import io.usync.it.support.ExternalProgram;
import io.usync.nntp.testing.InnServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * NZBGet (Debian package {@code nzbget}) in standalone mode ({@code nzbget -c conf file.nzb}: it
 * downloads that one NZB and exits), with its own config and folders under a test folder. Its only
 * server is the loopback INN2 plain port; update checks, par repair, unpacking, duplicate and health
 * checks are off, and it opens no control port in this mode, so it talks to nothing but INN2.
 */
final class NzbgetDownloader {

    private final ExternalProgram nzbget;
    private final Path home;

    private NzbgetDownloader(ExternalProgram nzbget, Path home) {
        this.nzbget = nzbget;
        this.home = home;
    }

    /** NZBGet from {@code $USYNC_NZBGET} or /usr/bin/nzbget, working under {@code home}; skips (fails under CI) without it. */
    static NzbgetDownloader require(Path home) {
        return new NzbgetDownloader(ExternalProgram.require("USYNC_NZBGET", List.of(Path.of("/usr/bin/nzbget")),
                "install the Debian package nzbget (listed in .ci/apt-packages.txt)"), home);
    }

    /**
     * Downloads {@code nzb} from {@code inn} and returns the folder NZBGet moved the files into
     * ({@code <home>/dst/<nzb name without .nzb>}). File names come from the NZB ({@code FileNaming=nzb}):
     * with NZBGet 21's default {@code auto} it takes a non-ASCII name from the yEnc header as
     * ISO-8859-1 and writes it double-encoded.
     */
    Path download(InnServer inn, Path nzb) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path config = home.resolve("nzbget.conf");
        Files.writeString(config, configText(inn));
        ExternalProgram.Outcome run = nzbget.run(home, Map.of(), home.resolve("nzbget.out"), 120,
                List.of("-c", config.toString(), nzb.toAbsolutePath().toString()));
        if (run.exit() != 0 || !run.output().contains("completely downloaded")) {
            throw new AssertionError("NZBGet did not download " + nzb.getFileName() + ": " + run);
        }
        String name = nzb.getFileName().toString();
        return home.resolve("dst").resolve(name.endsWith(".nzb") ? name.substring(0, name.length() - 4) : name);
    }

    private String configText(InnServer inn) {
        return """
                MainDir=%s
                DestDir=${MainDir}/dst
                InterDir=${MainDir}/inter
                NzbDir=${MainDir}/nzb
                QueueDir=${MainDir}/queue
                TempDir=${MainDir}/tmp
                ScriptDir=${MainDir}/scripts
                LockFile=${MainDir}/nzbget.lock
                LogFile=${MainDir}/nzbget.log
                WebDir=
                ConfigTemplate=/usr/share/nzbget/webui/nzbget.conf
                Server1.Active=yes
                Server1.Name=inn
                Server1.Level=0
                Server1.Host=%s
                Server1.Port=%d
                Server1.Encryption=no
                Server1.Connections=2
                ControlIP=127.0.0.1
                ControlPort=0
                UpdateCheck=none
                OutputMode=log
                AppendCategoryDir=no
                FileNaming=nzb
                DupeCheck=no
                HealthCheck=none
                ParCheck=manual
                ParRename=no
                RarRename=no
                Unpack=no
                DirectUnpack=no
                DiskSpace=0
                CrcCheck=yes
                """.formatted(home.toAbsolutePath(), loopback(inn.host()), inn.port());
    }

    private static String loopback(String host) {
        if (!host.equals("127.0.0.1") && !host.equals("::1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("NZBGet may only reach a loopback news server, not " + host);
        }
        return host;
    }
}
