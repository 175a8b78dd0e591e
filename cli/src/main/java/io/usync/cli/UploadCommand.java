package io.usync.cli;

import io.usync.config.ServerProfile;
import io.usync.config.UploadSettings;
import io.usync.core.TerminalText;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexException;
import io.usync.index.ShareIndex;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.codec.NntpCommand;
import io.usync.upload.ClusterTransport;
import io.usync.upload.ShareSpec;
import io.usync.upload.UploadException;
import io.usync.upload.UploadListener;
import io.usync.upload.UploadOptions;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadPhase;
import io.usync.upload.UploadReport;
import io.usync.upload.Uploader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code usync upload} command: posts a folder through the selected profiles' post servers,
 * checks every article, publishes the manifest and prints the share id (or writes an NZB with
 * {@code --plain}); running it again resumes or adds the next version. Exit 0 when complete, 8
 * when some segments could not be verified, 1 (or a more precise code) on failure.
 */
@Command(name = UploadCommand.NAME, mixinStandardHelpOptions = true, description = "Uploads a folder to Usenet and prints its share id.")
public final class UploadCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "upload";

    /** Problems listed one by one before the rest are only counted (unless --verbose). */
    static final int PROBLEMS_SHOWN = 10;

    @ParentCommand
    private UsyncCommand usync;

    @Parameters(index = "0", paramLabel = "<dir>", description = "The folder to upload.")
    private Path directory;

    @Mixin
    private UploadShareOptions share;

    @Option(names = "--newsgroups", paramLabel = "G,...", split = ",", description = "Newsgroups (default: the profile's).")
    private List<String> newsgroups = new ArrayList<>();

    @Option(names = "--connections", paramLabel = "N", description = "Connections per server (default: the profile's).")
    private Integer connections;

    @Option(names = "--allow-partial", description = "Publish even if some segments could not be verified.")
    private boolean allowPartial;

    /** Runs the upload and returns OK, PARTIAL or the failure's exit code. */
    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(directory)) {
            throw new CliException(ExitCode.USAGE, directory + " is not a folder; give the folder to upload");
        }
        ShareSpec spec = share.spec();
        List<ServerProfile> profiles = usync.selectedProfiles();
        List<NntpServerOptions> servers = servers(usync.serverWiring().options(profiles));
        int postConnections = servers.stream().filter(s -> s.hasRole(NntpServerOptions.Role.POST))
                .mapToInt(s -> s.pool().maxConnections()).sum();
        UploadOptions options = options(usync.config().upload(), profiles, postConnections);
        UploadProgress progress = new UploadProgress(usync, System.err, postConnections, System::nanoTime);
        progress.step("open index");
        // The index (an embedded PostgreSQL start) opens on its own thread while the folder is scanned.
        CompletableFuture<IndexDatabase> opening = CompletableFuture.supplyAsync(() -> SharesCommand.openIndex(usync),
                task -> Thread.ofPlatform().daemon().name("usync-index-open").start(task));
        UploadReport report;
        try (NntpCluster cluster = NntpCluster.create(servers, NntpClusterOptions.defaults(), progress.commands())) {
            progress.step("start");
            report = new Uploader(options, new ClusterTransport(cluster), () -> new ShareIndex(opened(opening)),
                    progress).upload(directory, spec);
            progress.step("close");
        } catch (IndexException e) {
            throw new CliException(ExitCode.INDEX, e.getMessage() + " (check the index settings in "
                    + usync.configFile() + ")", e);
        } catch (UploadException e) {
            throw failure(e);
        } finally {
            progress.close();
            closeIndex(opening);
        }
        return printReport(report, usync.out(), usync.err(), usync.quiet(), usync.verbose()).code();
    }

    /** The opened index, or what opening it threw. */
    private static IndexDatabase opened(CompletableFuture<IndexDatabase> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Closes the index once it is open (a failed opening leaves nothing to close). */
    private static void closeIndex(CompletableFuture<IndexDatabase> opening) {
        IndexDatabase database = opening.handle((db, error) -> db).join();
        if (database != null) {
            database.close();
        }
    }

    /**
     * The exit code and line of an upload fault: a login or TLS refusal is AUTH or TLS, a password
     * other than the protected share's own or a private share's version leaving out a recipient AUTH,
     * the rest DATA.
     */
    static CliException failure(UploadException fault) {
        if (fault instanceof UploadException.ServerRefused refused) {
            return new CliException(refused.tls() ? ExitCode.TLS : ExitCode.AUTH, fault.getMessage(), fault);
        }
        if (fault instanceof UploadException.WrongPassword || fault instanceof UploadException.RemovedRecipient) {
            return new CliException(ExitCode.AUTH, fault.getMessage(), fault);
        }
        return new CliException(ExitCode.DATA, fault.getMessage(), fault);
    }

    private List<NntpServerOptions> servers(List<NntpServerOptions> all) {
        if (connections != null && connections < 1) {
            throw new CliException(ExitCode.USAGE, "--connections must be 1 or more");
        }
        List<NntpServerOptions> chosen = all.stream()
                .filter(s -> s.hasRole(NntpServerOptions.Role.POST) || s.hasRole(NntpServerOptions.Role.CHECK))
                .map(s -> connections == null ? s : s.withPool(s.pool().withMaxConnections(connections)))
                .toList();
        if (chosen.stream().noneMatch(s -> s.hasRole(NntpServerOptions.Role.POST))) {
            throw new CliException(ExitCode.CONFIG, "no selected profile has the 'post' role; add it to a profile "
                    + "or choose another with --profile");
        }
        return chosen;
    }

    /**
     * The upload options from the configuration; articles in flight are capped at three per post
     * connection (POST is one article at a time per connection, so more would only hold memory).
     */
    private UploadOptions options(UploadSettings settings, List<ServerProfile> profiles, int postConnections) {
        List<String> groups = !newsgroups.isEmpty() ? newsgroups : profiles.stream()
                .filter(p -> !p.newsgroups().isEmpty()).findFirst().map(ServerProfile::newsgroups)
                .orElse(UploadOptions.defaults().newsgroups());
        String from = profiles.stream().flatMap(p -> p.from().stream()).findFirst()
                .orElse(UploadOptions.defaults().plainFrom());
        UploadOptions d = UploadOptions.defaults();
        int inFlight = Math.max(1, Math.min(settings.inFlightArticles(), 3 * Math.max(1, postConnections)));
        try {
            return new UploadOptions(settings.articleSize(), settings.lineLength(), inFlight, d.encoderThreads(),
                    Math.max(1, settings.postCheckRetries() + 1), Math.max(1, settings.retries()),
                    settings.postCheckDelay(), d.checkInFlight(), groups, from, d.messageIdDomain(),
                    settings.compression(), settings.compressionMinSaving(), d.packFileMaxSize(), d.packTargetSize(),
                    d.indexBatchRows(), allowPartial, d.unavailableWait());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, e.getMessage() + " (check 'upload:' and the profiles in "
                    + usync.configFile() + ")");
        }
    }

    /**
     * Prints the final report (the share id on standard output) and returns the exit code it stands
     * for; problems beyond the first {@value #PROBLEMS_SHOWN} are counted, not listed, unless verbose.
     */
    static ExitCode printReport(UploadReport report, PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        double seconds = report.duration().toNanos() / 1e9;
        if (!quiet) {
            err.printf(Locale.ROOT, "upload %s: version %d, %d files, %.1f MiB, %d articles, %d re-posts, %d failures,"
                    + " %.1f s (%.1f MiB/s)%n", report.outcome().name().toLowerCase(Locale.ROOT), report.version(),
                    report.files(), report.bytes() / 1048576.0, report.articlesPosted(), report.reposts(),
                    report.failures(), seconds, report.bytesPerSecond() / 1048576.0);
        }
        printProblems(report.problems(), report.outcome() != UploadOutcome.COMPLETE, verbose, err);
        err.flush();
        report.shareId().ifPresent(out::println);
        out.flush();
        if (report.outcome() == UploadOutcome.FAILED) {
            return ExitCode.FAILED;
        }
        return report.outcome() == UploadOutcome.PARTIAL ? ExitCode.PARTIAL : ExitCode.OK;
    }

    /**
     * Prints the upload's problems, one {@code usync:} line each when there are few (or with
     * {@code --verbose}); otherwise a count, the first {@value #PROBLEMS_SHOWN} and how many more,
     * and, when the upload did not complete, the last one, which says what became of the upload;
     * control characters in them (file names) are shown as {@code ?}.
     */
    static void printProblems(List<String> problems, boolean lastIsOutcome, boolean verbose, PrintWriter err) {
        if (verbose || problems.size() <= PROBLEMS_SHOWN + 1) {
            problems.forEach(p -> err.println("usync: " + TerminalText.printable(p)));
            return;
        }
        List<String> listed = lastIsOutcome ? problems.subList(0, problems.size() - 1) : problems;
        err.println("usync: " + problems.size() + " problems; the first " + PROBLEMS_SHOWN + ":");
        listed.subList(0, PROBLEMS_SHOWN).forEach(p -> err.println("  " + TerminalText.printable(p)));
        err.println("  ... and " + (listed.size() - PROBLEMS_SHOWN) + " more (--verbose lists all)");
        if (lastIsOutcome) {
            err.println("usync: " + TerminalText.printable(problems.getLast()));
        }
    }

    /**
     * Progress on a terminal as a bar, elsewhere as a log line every few seconds: files, MiB done
     * of the total, MiB/s now and on average, ETA, articles, connections busy posting, re-posts
     * and failures.
     */
    static final class UploadProgress implements UploadListener, AutoCloseable {

        private final UsyncCommand usync;
        private final PrintStream stream;
        private final boolean terminal;
        private final int connections;
        private final LongSupplier clock;
        private final CommandCounter posts = new CommandCounter(NntpCommand.POST);
        private final TransferFigures figures;
        private final AtomicLong posted = new AtomicLong();
        private final AtomicLong articles = new AtomicLong();
        private final AtomicLong reposts = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile long total = -1;
        private volatile long files;
        private ProgressBar bar;

        /** Reports to {@code stream}; {@code connections} post connections; {@code clock} gives nanoseconds. */
        UploadProgress(UsyncCommand usync, PrintStream stream, int connections, LongSupplier clock) {
            this.usync = usync;
            this.stream = stream;
            this.connections = connections;
            this.clock = clock;
            this.terminal = System.console() != null && System.console().isTerminal() && !usync.quiet();
            this.figures = new TransferFigures(clock.getAsLong());
        }

        /** The listener the NNTP cluster reports to (connections busy posting). */
        NntpEventListener commands() {
            return posts;
        }

        @Override
        public synchronized void planned(long files, long bytes, long articlesToPost, long bytesToPost) {
            total = bytesToPost;
            this.files = files;
            usync.info(String.format(Locale.ROOT, "upload: %d files, %.1f MiB; %d articles (%.1f MiB) to post",
                    files, bytes / 1048576.0, articlesToPost, bytesToPost / 1048576.0));
            if (terminal && bytesToPost > 0) {
                bar = new ProgressBarBuilder().setTaskName("upload").setInitialMax(Math.max(1, bytesToPost >> 10))
                        .setUnit(" MiB", 1024).setStyle(ProgressBarStyle.ASCII).showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
            }
        }

        @Override
        public void phase(UploadPhase phase) {
            step(phase.name().toLowerCase(Locale.ROOT));
        }

        /**
         * With {@code -v}, prints {@code step} with the seconds since the JVM started (a timeline of the
         * run; the JVM's own start time, as the process's start instant is only as exact as the boot
         * time the kernel reports in whole seconds, which put it up to a second early).
         */
        void step(String step) {
            if (usync.verbose()) {
                double since = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
                usync.info(String.format(Locale.ROOT, "upload: %s (%.2f s since start)", step, since));
            }
        }

        @Override
        public void articlePosted(long payloadBytes) {
            long now = posted.addAndGet(payloadBytes);
            articles.incrementAndGet();
            ProgressBar b = bar;
            if (b != null) {
                b.stepTo(Math.min(now, Math.max(total, 0)) >> 10);
                b.setExtraMessage(" " + posts.busy(connections) + "/" + connections + " busy"
                        + (reposts.get() + failures.get() > 0 ? ", re-posts " + reposts.get() + ", failures "
                        + failures.get() : ""));
            } else if (!usync.quiet()) {
                long nanos = clock.getAsLong();
                if (figures.due(nanos)) {
                    stream.println(logLine(nanos));
                }
            }
        }

        /** The log line at {@code nanos} (the rate now is measured from the previous line). */
        String logLine(long nanos) {
            return String.format(Locale.ROOT, "upload: %d files, %s, %d articles, %d of %d connections busy, "
                    + "%d re-posts, %d failures", files, figures.line(posted.get(), total, nanos), articles.get(),
                    posts.busy(connections), connections, reposts.get(), failures.get());
        }

        @Override
        public void repost() {
            reposts.incrementAndGet();
        }

        @Override
        public void failure(String reason) {
            failures.incrementAndGet();
            if (usync.verbose()) {
                usync.info("upload: " + reason);
            }
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
