package io.usync.cli;

import io.usync.config.IndexSettings;
import io.usync.index.ArticleState;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexException;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.ShareRecord;
import io.usync.index.embedded.EmbeddedPostgresOptions;
import io.usync.upload.StoredShares;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The {@code usync shares} command: lists, shows and drops the shares recorded in the local index. */
@Command(name = SharesCommand.NAME, mixinStandardHelpOptions = true,
        description = "Lists, shows and drops shares recorded in the local index.",
        subcommands = {SharesCommand.ListShares.class, SharesCommand.Show.class, SharesCommand.Drop.class})
public final class SharesCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "shares";

    @ParentCommand
    private UsyncCommand usync;

    /** Without an action, lists the shares. */
    @Override
    public Integer call() {
        return withIndex(usync, index -> list(index, usync.out()));
    }

    /**
     * Opens the index the configuration names: an external PostgreSQL when a JDBC URL is set, else
     * the embedded server under the XDG data home.
     */
    static IndexDatabase openIndex(UsyncCommand usync) {
        IndexSettings settings = usync.config().index();
        IndexOptions options = IndexOptions.defaults().withPoolSize(settings.poolSize())
                .withCopyBatch(settings.copyBatchRows(), Duration.ofSeconds(1)).withFetchSize(settings.fetchSize());
        if (settings.jdbcUrl().isPresent()) {
            String secret = settings.password().map(p -> new String(p.resolve(
                    name -> Optional.ofNullable(usync.environment().get(name))))).orElse("");
            options = options.withJdbcUrl(settings.jdbcUrl().get(), settings.user().orElse("usync"), secret);
        } else {
            options = options.withEmbedded(EmbeddedPostgresOptions.forDataHome(usync.paths().dataHome()));
        }
        try {
            return IndexDatabase.open(options);
        } catch (IndexException e) {
            throw new CliException(ExitCode.INDEX, e.getMessage() + " (check 'index:' in " + usync.configFile() + ")", e);
        }
    }

    private interface IndexWork {
        int run(ShareIndex index);
    }

    private static int withIndex(UsyncCommand usync, IndexWork work) {
        try (IndexDatabase database = openIndex(usync)) {
            return work.run(new ShareIndex(database));
        } catch (IndexException e) {
            throw new CliException(ExitCode.INDEX, e.getMessage(), e);
        }
    }

    private static int list(ShareIndex index, PrintWriter out) {
        for (ShareRecord share : index.shares()) {
            out.printf(Locale.ROOT, "%d\t%s\t%s\tv%s\t%s\t%s%n", share.id(), share.mode().name().toLowerCase(Locale.ROOT),
                    share.status().name().toLowerCase(Locale.ROOT),
                    index.latestPublishedVersion(share.id()).map(String::valueOf).orElse("-"),
                    share.label().isEmpty() ? "-" : share.label(), share.sourceRoot());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static ShareRecord find(ShareIndex index, long id) {
        return index.share(id).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "no share " + id + " in the index; 'usync shares list' shows them"));
    }

    /** {@code usync shares list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists shares: number, kind, status, newest published version, label, folder.")
    static final class ListShares implements Callable<Integer> {

        @ParentCommand
        private SharesCommand shares;

        @Override
        public Integer call() {
            return withIndex(shares.usync, index -> list(index, shares.usync.out()));
        }
    }

    /** {@code usync shares show N}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one share, its versions and its share id.")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        private SharesCommand shares;

        @Parameters(index = "0", paramLabel = "N", description = "The share's number from 'shares list'.")
        private long id;

        @Override
        public Integer call() {
            return withIndex(shares.usync, index -> {
                ShareRecord share = find(index, id);
                PrintWriter out = shares.usync.out();
                out.println("share " + share.id() + " (" + share.mode().name().toLowerCase(Locale.ROOT) + ", "
                        + share.status().name().toLowerCase(Locale.ROOT) + ")");
                out.println("  folder:    " + share.sourceRoot());
                out.println("  label:     " + (share.label().isEmpty() ? "-" : share.label()));
                out.println("  created:   " + share.createdAt());
                out.println("  versions:  newest " + index.latestVersion(share.id()).map(String::valueOf).orElse("-")
                        + ", newest published " + index.latestPublishedVersion(share.id()).map(String::valueOf)
                        .orElse("-"));
                index.latestVersion(share.id()).ifPresent(v -> {
                    Map<ArticleState, Long> counts = index.articleCounts(share.id(), v);
                    out.println("  articles:  " + counts);
                });
                StoredShares.shareIdText(share).ifPresent(text -> out.println("  share id:  " + text));
                out.flush();
                return ExitCode.OK.code();
            });
        }
    }

    /** {@code usync shares drop N}. */
    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Forgets a share in the local index (nothing is removed from the servers).")
    static final class Drop implements Callable<Integer> {

        @ParentCommand
        private SharesCommand shares;

        @Parameters(index = "0", paramLabel = "N", description = "The share's number from 'shares list'.")
        private long id;

        @Override
        public Integer call() {
            return withIndex(shares.usync, index -> {
                find(index, id);
                index.dropShare(id);
                shares.usync.info("usync: share " + id + " dropped from the index");
                return ExitCode.OK.code();
            });
        }
    }
}
