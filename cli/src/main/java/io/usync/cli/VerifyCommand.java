package io.usync.cli;

import io.usync.core.ShareId;
import io.usync.core.crypto.RecipientKeys;
import io.usync.download.ArticleChecker;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadRequest;
import io.usync.download.ShareCredentials;
import io.usync.download.ShareVerifier;
import io.usync.download.VerifyReport;
import io.usync.download.fetch.ClusterArticleFetcher;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.StatResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code usync verify <share-id>} command: asks every read server with STAT whether each of
 * the share's articles exists, without downloading, and prints availability per server; exit 0
 * when every article is on some server, 9 when some are gone everywhere, and the exit code of
 * {@code download} for the same fault when the share cannot be resolved (6 wrong password, 4 no
 * server reachable, 11 not found).
 */
@Command(name = VerifyCommand.NAME,
        description = "Checks that every article of a share is still available on the servers.")
public final class VerifyCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "verify";

    @ParentCommand
    private UsyncCommand usync;

    // Its own -h/--help instead of mixinStandardHelpOptions: that mixin's --version clashes with
    // this command's --version N, and picocli then ignored -h and --help.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(index = "0", paramLabel = "<share-id>", description = "The share id to verify.")
    private String source;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of a protected share.")
    private Path passwordFile;

    @Option(names = "--identity", paramLabel = "KEYFILE", description = "Private key file for a private share.")
    private Path identity;

    @Option(names = "--version", paramLabel = "N", description = "Verify this manifest version (default: newest).")
    private Integer version;

    /**
     * Runs the check and returns OK or INCOMPLETE; a share that cannot be resolved fails with the
     * code {@code download} gives the same fault (wrong password AUTH, no server reachable NETWORK,
     * not found DATA), and articles no server could be asked about with the code of that fault.
     */
    @Override
    public Integer call() throws InterruptedException {
        ShareId id = DownloadCommand.parseShareId(source);
        DownloadRequest.Share share = new DownloadRequest.Share(id, DownloadCommand.credentials(id, passwordFile, identity),
                version == null ? OptionalInt.empty() : OptionalInt.of(DownloadCommand.checkedVersion(version)));
        List<NntpServerOptions> servers = DownloadCommand.readServers(
                usync.serverWiring().options(usync.selectedProfiles()), null);
        List<NntpCluster> singles = new ArrayList<>();
        Map<String, Throwable> faults = new ConcurrentHashMap<>();
        try (NntpCluster all = NntpCluster.create(servers, NntpClusterOptions.defaults(), NntpEventListener.NONE)) {
            Map<String, ArticleChecker> checkers = new LinkedHashMap<>();
            for (NntpServerOptions server : servers) {
                NntpCluster one = NntpCluster.create(List.of(server), NntpClusterOptions.defaults(),
                        NntpEventListener.NONE);
                singles.add(one);
                checkers.put(server.name(), mid -> one.stat(mid.withBrackets(), Optional.empty())
                        .whenComplete((r, error) -> {
                            if (error != null) {
                                faults.putIfAbsent(server.name(), error);
                            }
                        })
                        .thenApply(r -> r instanceof StatResult.Found));
            }
            DownloadListener progress = new DownloadListener() {
                @Override
                public void status(String message) {
                    usync.info("verify: " + message);
                }
            };
            VerifyReport report = new ShareVerifier(DownloadOptions.defaults(), new ClusterArticleFetcher(all), checkers)
                    .verify(share, progress);
            return print(report, usync.out(), usync.err(), faults).code();
        } finally {
            singles.forEach(NntpCluster::close);
        }
    }

    /**
     * Prints availability per server and returns OK when every article exists somewhere,
     * INCOMPLETE when some are missing everywhere; when some could not be asked about (a server
     * fault), the missing count is uncertain and the code is the fault's (NETWORK, AUTH, TLS, LIMIT).
     */
    static ExitCode print(VerifyReport report, PrintWriter out, PrintWriter err, Map<String, Throwable> faults) {
        out.printf(Locale.ROOT, "share version %d: %d articles checked in %.1f s%n", report.version(),
                report.articles(), report.duration().toNanos() / 1e9);
        for (VerifyReport.ServerAvailability s : report.servers()) {
            out.printf(Locale.ROOT, "  %s: %d found, %d missing, %d errors (%.1f%% available)%n", s.server(),
                    s.found(), s.missing(), s.errors(), s.percentFound());
        }
        out.printf(Locale.ROOT, "  missing on every server: %d%n", report.missingEverywhere());
        out.flush();
        if (report.missingEverywhere() == 0) {
            return ExitCode.OK;
        }
        for (VerifyReport.ServerAvailability s : report.servers()) {
            Throwable fault = faults.get(s.server());
            if (s.errors() > 0 && fault != null) {
                FailureReport failure = FailureReport.of(fault);
                err.println("usync: " + s.server() + " could not be asked about " + s.errors() + " articles, so some "
                        + "counted missing may exist: " + failure.message());
                err.flush();
                return failure.exitCode();
            }
        }
        return ExitCode.INCOMPLETE;
    }
}
