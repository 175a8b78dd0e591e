package io.usync.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usync shares list|show|drop} after real uploads to INN2 into the test PostgreSQL index:
 * what each prints (a list row per share, the share id a share-mode upload printed, none for plain
 * mode), their exit codes, and that a dropped share is gone from the index but not from the server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SharesCommandIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @TempDir
    Path dir;

    private CliEnvironment env;
    private InnServer inn;

    @BeforeEach
    void setUp() {
        inn = InnServer.require();
        env = CliEnvironment.create(dir.resolve("home"), inn.host(), inn.port(), inn.group(), DB, DB.jdbcUrl(), "");
    }

    private CliRun.Result usync(String... args) {
        return CliRun.run(env.variables(), args);
    }

    /** Uploads {@code source} with {@code options} and returns what the run printed. */
    private CliRun.Result upload(Path source, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "upload";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = source.toString();
        CliRun.Result run = usync(args);
        assertThat(run.exit()).as("%s", run).isZero();
        return run;
    }

    private static String printedShareId(CliRun.Result upload) {
        return upload.out().lines().filter(l -> l.startsWith("usync1-")).findFirst()
                .orElseThrow(() -> new AssertionError("no share id in " + upload));
    }

    /** The rows of {@code shares list}, split at tabs. */
    private List<String[]> listRows() {
        CliRun.Result list = usync("shares", "list");
        assertThat(list.exit()).as("%s", list).isZero();
        assertThat(list.err()).as("%s", list).isEmpty();
        return list.out().lines().map(l -> l.split("\t", -1)).toList();
    }

    private static void assertOneLineError(CliRun.Result run, ExitCode code, String... contains) {
        assertThat(run.exit()).as("%s", run).isEqualTo(code.code());
        assertThat(run.err().lines().toList()).as("%s", run).hasSize(1);
        assertThat(run.err()).as("%s", run).contains(contains).doesNotContain("Exception", "\tat ");
    }

    @Test
    void listShowAndDropAShareUploadedToInn() throws Exception {
        Path source = SourceTree.write(dir.resolve("photos"), 3, 4, 40_000);
        String shareId = printedShareId(upload(source, "--name", "holiday photos"));

        List<String[]> rows = listRows();
        assertThat(rows).hasSize(1);
        String[] row = rows.getFirst();
        assertThat(row).as("number, kind, status, newest published version, label, folder")
                .hasSize(6).containsSubsequence("public", "complete", "v1", "holiday photos", source.toString());
        String number = row[0];
        assertThat(number).matches("[1-9][0-9]*");
        CliRun.Result bare = usync("shares");
        assertThat(bare.exit()).as("%s", bare).isZero();
        assertThat(bare.out()).as("'shares' without an action lists").isEqualTo(usync("shares", "list").out());

        CliRun.Result show = usync("shares", "show", number);
        assertThat(show.exit()).as("%s", show).isZero();
        assertThat(show.err()).as("%s", show).isEmpty();
        assertThat(show.out().lines().map(String::strip)).as("%s", show).contains(
                "share " + number + " (public, complete)",
                "folder:    " + source,
                "label:     holiday photos",
                "versions:  newest 1, newest published 1",
                "share id:  " + shareId);

        CliRun.Result drop = usync("shares", "drop", number);
        assertThat(drop.exit()).as("%s", drop).isZero();
        assertThat(drop.out() + drop.err()).as("%s", drop).contains("share " + number + " dropped from the index");
        assertThat(listRows()).as("shares after the drop").isEmpty();
        assertOneLineError(usync("shares", "show", number), ExitCode.USAGE, "no share " + number, "shares list");
        assertOneLineError(usync("shares", "drop", number), ExitCode.USAGE, "no share " + number, "shares list");

        Path out = dir.resolve("out");
        CliRun.Result download = usync("download", shareId, "-o", out.toString());
        assertThat(download.exit()).as("a dropped share stays on the server: %s", download).isZero();
        SourceTree.assertSameTree(source, out);
        String again = printedShareId(upload(source));
        assertThat(again).as("after a drop the folder makes a new share").isNotEqualTo(shareId);
        assertThat(listRows()).hasSize(1).allMatch(r -> !r[0].equals(number));
    }

    @Test
    void showPrintsTheShareIdOfEachShareKindAndNoneForAPlainUpload() throws Exception {
        Path publicTree = SourceTree.write(dir.resolve("public"), 5, 2, 20_000);
        Path protectedTree = SourceTree.write(dir.resolve("protected"), 6, 2, 20_000);
        Path plainTree = SourceTree.write(dir.resolve("plain"), 7, 2, 20_000);
        Path passwordFile = Files.writeString(dir.resolve("password.txt"), "correct horse battery staple\n");
        String publicId = printedShareId(upload(publicTree));
        String protectedId = printedShareId(upload(protectedTree, "--share", "protected", "--password-file",
                passwordFile.toString()));
        upload(plainTree, "--plain", "--nzb", dir.resolve("plain.nzb").toString());

        List<String[]> rows = listRows();
        assertThat(rows).hasSize(3);
        for (String[] row : rows) {
            assertThat(row).hasSize(6);
            CliRun.Result show = usync("shares", "show", row[0]);
            assertThat(show.exit()).as("%s", show).isZero();
            String folder = row[5];
            if (folder.equals(publicTree.toString())) {
                assertThat(row[1]).isEqualTo("public");
                assertThat(show.out()).as("%s", show).contains("share id:  " + publicId);
            } else if (folder.equals(protectedTree.toString())) {
                assertThat(row[1]).isEqualTo("protected");
                assertThat(show.out()).as("%s", show).contains("share id:  " + protectedId)
                        .doesNotContain("correct horse");
            } else {
                assertThat(folder).isEqualTo(plainTree.toString());
                assertThat(row[1]).isEqualTo("plain");
                assertThat(show.out()).as("%s", show).doesNotContain("share id:", "usync1-");
            }
        }
    }

    @Test
    void actionsOnAShareTheIndexDoesNotHoldOrAMistypedNumberAreUsageErrors() {
        assertThat(listRows()).as("a new index").isEmpty();
        assertOneLineError(usync("shares", "show", "42"), ExitCode.USAGE, "no share 42", "shares list");
        assertOneLineError(usync("shares", "drop", "42"), ExitCode.USAGE, "no share 42", "shares list");
        CliRun.Result mistyped = usync("shares", "show", "forty-two");
        assertThat(mistyped.exit()).as("%s", mistyped).isEqualTo(ExitCode.USAGE.code());
        assertThat(mistyped.err()).as("%s", mistyped).contains("forty-two").doesNotContain("Exception");
        CliRun.Result missing = usync("shares", "drop");
        assertThat(missing.exit()).as("%s", missing).isEqualTo(ExitCode.USAGE.code());
    }
}
