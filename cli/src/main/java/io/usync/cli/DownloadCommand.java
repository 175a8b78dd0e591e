package io.usync.cli;

import io.netty.buffer.ByteBufAllocator;
import io.usync.config.DownloadSettings;
import io.usync.core.InvalidShareIdException;
import io.usync.core.ShareId;
import io.usync.core.TerminalText;
import io.usync.core.crypto.RecipientKeys;
import io.usync.download.DownloadFailure;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.MissingFile;
import io.usync.download.RejectedName;
import io.usync.download.ShareCredentials;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.codec.NntpCommand;
import io.usync.nntp.connection.NntpConnector;
import io.usync.segmenter.buffer.ArticleBuffers;
import io.usync.segmenter.yenc.NativeLfDot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code usync download} command: downloads a share (by share id) or an NZB file into a
 * folder, verifying every file, with a progress display (log lines when not on a terminal) and a
 * final report; exit 0 when complete, 9 when files are missing, 5 or 6 when a server refused TLS or
 * the login (6 also for a password or key that does not open the share), 4 when no server is
 * reachable, 2 for a mistyped share id, 11 when the share is not found, its manifest or the NZB is
 * unusable or the output cannot be written (see {@link FailureReport#exitCode}).
 */
@Command(name = DownloadCommand.NAME,
        description = "Downloads a share (by share id or NZB file) and verifies every file.")
public final class DownloadCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "download";

    /** The most event loops a download uses. */
    static final int MAX_IO_THREADS = 16;

    /** The most released read buffers kept for reuse, whatever the connection count (bounds the RSS). */
    static final long READ_KEPT_MAX = 32L << 20;

    @ParentCommand
    private UsyncCommand usync;

    // Its own -h/--help instead of mixinStandardHelpOptions: that mixin's --version clashes with
    // this command's --version N, and picocli then ignored -h and --help.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(index = "0", paramLabel = "<share-id|file.nzb>", description = "The share id or NZB file to download.")
    private String source;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder to download into (default: .).")
    private Path output = Path.of(".");

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of a protected share.")
    private Path passwordFile;

    @Option(names = "--identity", paramLabel = "KEYFILE",
            description = "Private key file (usync keys) for a private share.")
    private Path identity;

    @Option(names = "--version", paramLabel = "N", description = "Download this manifest version (default: newest).")
    private Integer version;

    @Option(names = "--only", paramLabel = "GLOB",
            description = "Download only files matching this glob (repeatable; without '/', matches file names).")
    private List<String> only = new ArrayList<>();

    @Option(names = "--connections", paramLabel = "N", description = "Connections per server (default: the profile's).")
    private Integer connections;

    /** Runs the download and returns OK, INCOMPLETE or the failure's exit code. */
    @Override
    public Integer call() throws IOException {
        DownloadRequest request = new DownloadRequest(source(), output, only);
        List<NntpServerOptions> servers = readServers(usync.serverWiring().options(usync.selectedProfiles()),
                connections);
        DownloadOptions options = downloadOptions(usync.config().download());
        DownloadProgress progress = new DownloadProgress(usync, System.err,
                servers.stream().mapToInt(s -> s.pool().maxConnections()).sum(), System::nanoTime);
        DownloadReport report;
        try (NntpCluster cluster = NntpCluster.create(servers, clusterOptions(servers), progress.commands())) {
            report = new Downloader(options, cluster, progress).download(request);
        } finally {
            progress.close();
        }
        return printReport(report, usync.out(), usync.err()).code();
    }

    /**
     * The download options from the configuration's {@code download:} section: articles in flight,
     * and {@code retries}, the times an article is tried again after a fault (a lost connection, no
     * server reachable; an article a server lacks goes to the next server instead).
     */
    static DownloadOptions downloadOptions(DownloadSettings settings) {
        DownloadOptions defaults = DownloadOptions.defaults();
        return defaults.withInFlightArticles(Math.max(1, settings.inFlightArticles()))
                .withFaultRetries(settings.retries(), defaults.faultRetryDelay());
    }

    /**
     * One event loop per connection (up to {@value #MAX_IO_THREADS}): each loop decodes its own
     * connections' bodies, so the transfer uses every core, and like a thread-per-connection
     * client it keeps its share of a busy machine. Socket reads (at most
     * {@value NntpConnector#MAX_READ} bytes each, one at a time per connection, released once
     * decoded) come from recycled buffers on huge pages, twice that per connection kept, at most
     * {@value #READ_KEPT_MAX} bytes. Replies are searched for line-leading dots by libusync-yenc
     * where it loaded (AVX2, 64 bytes a step).
     */
    static NntpClusterOptions clusterOptions(List<NntpServerOptions> servers) {
        int connections = servers.stream().mapToInt(s -> s.pool().maxConnections()).sum();
        int threads = Math.clamp(connections, Math.min(Runtime.getRuntime().availableProcessors(), MAX_IO_THREADS), MAX_IO_THREADS);
        NntpClusterOptions defaults = NntpClusterOptions.defaults();
        return defaults.withTransport(defaults.transport(), threads)
                .withCodec(NativeLfDot.available()
                        ? defaults.codec().withLfDotScanner(NativeLfDot::indexOfLfDot) : defaults.codec())
                .withAllocator(new ArticleBuffers(ByteBufAllocator.DEFAULT,
                        Math.min(2L * NntpConnector.MAX_READ * connections, READ_KEPT_MAX)));
    }

    private DownloadRequest.Source source() throws IOException {
        if (source.toLowerCase(Locale.ROOT).startsWith(ShareId.PREFIX)) {
            ShareId id = parseShareId(source);
            return new DownloadRequest.Share(id, credentials(id, passwordFile, identity),
                    version == null ? OptionalInt.empty() : OptionalInt.of(checkedVersion(version)));
        }
        Path nzb = Path.of(source);
        if (!Files.isRegularFile(nzb)) {
            throw new CliException(ExitCode.USAGE, source + " is neither a usync1-... share id nor an NZB file");
        }
        return new DownloadRequest.Nzb(nzb);
    }

    /** Parses a share id given on the command line; a mistyped one is a usage error. */
    static ShareId parseShareId(String text) {
        try {
            return ShareId.parse(text);
        } catch (InvalidShareIdException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    static int checkedVersion(int v) {
        if (v < 1) {
            throw new CliException(ExitCode.USAGE, "--version must be 1 or more");
        }
        return v;
    }

    /**
     * The credentials named by --password-file or --identity (none for a public share); a protected
     * or private share id without the option it needs is a usage error, before any server is asked.
     */
    static ShareCredentials credentials(ShareId id, Path passwordFile, Path identity) {
        return switch (id) {
            case ShareId.Public p -> ShareCredentials.none();
            case ShareId.Protected p -> {
                if (passwordFile == null) {
                    throw new CliException(ExitCode.USAGE, "this share is protected by a password; pass "
                            + "--password-file FILE");
                }
                yield new ShareCredentials.Password(readPassword(passwordFile));
            }
            case ShareId.Private p -> {
                if (identity == null) {
                    throw new CliException(ExitCode.USAGE, "this share is private; pass --identity KEYFILE with the "
                            + "private key it was shared with");
                }
                try {
                    yield new ShareCredentials.Identity(RecipientKeys.readPrivateKeyFile(identity));
                } catch (IOException | RuntimeException e) {
                    throw new CliException(ExitCode.DATA, "cannot read the private key in " + identity + ": "
                            + e.getMessage());
                }
            }
        };
    }

    /** Reads the first line of a password file (without its line break). */
    static char[] readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "the password file " + file + " is empty");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the password file " + file + ": " + e.getMessage());
        }
    }

    /** The read servers among the profiles, with the connection count overridden when asked. */
    static List<NntpServerOptions> readServers(List<NntpServerOptions> all, Integer connections) {
        if (connections != null && connections < 1) {
            throw new CliException(ExitCode.USAGE, "--connections must be 1 or more");
        }
        List<NntpServerOptions> read = all.stream().filter(s -> s.hasRole(NntpServerOptions.Role.READ))
                .map(s -> connections == null ? s : s.withPool(s.pool().withMaxConnections(connections)))
                .toList();
        if (read.isEmpty()) {
            throw new CliException(ExitCode.CONFIG, "no selected profile has the 'read' role; add it to a profile "
                    + "or choose another with --profile");
        }
        return read;
    }

    /**
     * Prints the final report (results to standard output, control characters in names shown as
     * {@code ?}) and returns the exit code it stands for.
     */
    static ExitCode printReport(DownloadReport report, PrintWriter out, PrintWriter err) {
        var c = report.counts();
        double seconds = report.duration().toNanos() / 1e9;
        out.printf(Locale.ROOT, "download %s: %d files written, %d skipped (already verified), %.1f MiB in %.1f s "
                + "(%.1f MiB/s)%n", report.outcome().name().toLowerCase(Locale.ROOT), c.filesCompleted(),
                c.filesSkipped(), c.bytesWritten() / 1048576.0, seconds, report.throughputBytesPerSecond() / 1048576.0);
        for (MissingFile m : report.missingFiles()) {
            out.println(TerminalText.printable("  missing: " + m.name() + (m.missingSegments() > 0 ? " ("
                    + m.missingSegments() + " segments missing: " : " (") + m.reason() + ")"));
        }
        for (RejectedName r : report.rejectedNames()) {
            out.println(TerminalText.printable("  refused name: " + r.name() + " (" + r.reason() + ")"));
        }
        out.flush();
        if (report.cause().isPresent()) {
            DownloadFailure cause = report.cause().get();
            err.println("usync: " + TerminalText.printable(cause.reason()));
            err.flush();
            return FailureReport.exitCode(cause.kind());
        }
        if (report.outcome() == DownloadOutcome.INCOMPLETE) {
            err.println("usync: some files are incomplete; run the same command again to fetch what is missing, "
                    + "or add another server profile");
            err.flush();
            return ExitCode.INCOMPLETE;
        }
        return ExitCode.OK;
    }

    /**
     * Progress on a terminal as a bar, elsewhere as a log line every few seconds: files done of the
     * total, MiB done of the total, MiB/s now and on average, ETA, connections busy (about: BODY
     * commands in flight, spread over the least busy connections), faults retried and segments missing.
     */
    static final class DownloadProgress implements DownloadListener, AutoCloseable {

        private final UsyncCommand usync;
        private final PrintStream stream;
        private final boolean terminal;
        private final int connections;
        private final LongSupplier clock;
        private final long started;
        private final CommandCounter bodies = new CommandCounter(NntpCommand.BODY);
        private final TransferFigures figures;
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong missing = new AtomicLong();
        private volatile long total = -1;
        private volatile long fileCount = -1;
        private ProgressBar bar;

        /** Reports to {@code stream}; {@code connections} read connections; {@code clock} gives nanoseconds. */
        DownloadProgress(UsyncCommand usync, PrintStream stream, int connections, LongSupplier clock) {
            this.usync = usync;
            this.stream = stream;
            this.connections = connections;
            this.clock = clock;
            this.terminal = System.console() != null && System.console().isTerminal() && !usync.quiet();
            this.started = clock.getAsLong();
            this.figures = new TransferFigures(started);
        }

        /** The listener the NNTP cluster reports to (connections busy, faults). */
        NntpEventListener commands() {
            return bodies;
        }

        @Override
        public synchronized void planned(long fileCount, long bytes, long skippedFiles, long skippedBytes) {
            total = bytes;
            this.fileCount = fileCount;
            usync.info(String.format(Locale.ROOT, "download: %d files, %.1f MiB to fetch; %d already verified",
                    fileCount, bytes / 1048576.0, skippedFiles));
            if (terminal && bytes > 0) {
                bar = new ProgressBarBuilder().setTaskName("download").setInitialMax(Math.max(1, bytes >> 10))
                        .setUnit(" MiB", 1024).setStyle(ProgressBarStyle.ASCII).showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
            }
        }

        @Override
        public void segmentWritten(String file, long bytes) {
            long now = written.addAndGet(bytes);
            ProgressBar b = bar;
            if (b != null) {
                b.stepTo(now >> 10);
                b.setExtraMessage(" " + bodies.busy(connections) + "/" + connections + " busy");
            } else if (!usync.quiet()) {
                long nanos = clock.getAsLong();
                if (figures.due(nanos)) {
                    stream.println(logLine(nanos));
                }
            }
        }

        /** The log line at {@code nanos} (the rate now is measured from the previous line). */
        String logLine(long nanos) {
            long count = fileCount;
            return String.format(Locale.ROOT, "download: %s files, %s, %d of %d connections busy, %d faults retried, "
                    + "%d segments missing", count >= 0 ? files.get() + " of " + count : String.valueOf(files.get()),
                    figures.line(written.get(), total, nanos), bodies.busy(connections), connections,
                    bodies.faults(), missing.get());
        }

        @Override
        public void segmentMissing(String file, int segment, String reason) {
            missing.incrementAndGet();
        }

        @Override
        public void fileCompleted(String file, long bytes) {
            files.incrementAndGet();
            if (usync.verbose()) {
                usync.info("download: verified " + file);
            }
        }

        @Override
        public void fileFailed(String file, String reason) {
            usync.info("download: incomplete " + file + ": " + reason);
        }

        @Override
        public void nameRejected(String name, String reason) {
            usync.info("download: refused name " + name + ": " + reason);
        }

        @Override
        public void status(String message) {
            usync.info("download: " + message + (usync.verbose() ? String.format(Locale.ROOT, " (at %.3f s)",
                    (clock.getAsLong() - started) / 1e9) : ""));
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
