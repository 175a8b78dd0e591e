package io.usync.cli;

import io.usync.core.TerminalText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the picocli command line for usync: streams, usage-error and failure handling. */
public final class UsyncCommandLine {

    private UsyncCommandLine() {
    }

    /**
     * usync's subcommands by name, in the order the usage lists them. The names are the commands'
     * own constants: reading them from the annotations cost ~15 ms at every start.
     */
    private static final SequencedMap<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put(ProfilesCommand.NAME, ProfilesCommand.class);
        SUBCOMMANDS.put(UploadCommand.NAME, UploadCommand.class);
        SUBCOMMANDS.put(DownloadCommand.NAME, DownloadCommand.class);
        SUBCOMMANDS.put(VerifyCommand.NAME, VerifyCommand.class);
        SUBCOMMANDS.put(KeysCommand.NAME, KeysCommand.class);
        SUBCOMMANDS.put(SharesCommand.NAME, SharesCommand.class);
    }

    /** The root's options that take the next argument as their value. */
    private static final Set<String> VALUE_OPTIONS = Set.of("--config", "--profile");

    /** The root's options that print something about usync itself and need every subcommand. */
    private static final Set<String> ROOT_HELP = Set.of("-h", "--help", "-V", "--version", "--");

    /** Creates the command line with every subcommand over an explicit environment (for tests). */
    public static CommandLine create(PrintStream out, PrintStream err, Map<String, String> environment) {
        return create(out, err, environment, List.copyOf(SUBCOMMANDS.values()));
    }

    /**
     * Creates the command line that will run {@code args}: with only the subcommand they name, when
     * they name one, else with every subcommand (so the usage, help and suggestions stay whole).
     * picocli builds each command's model from its annotations, which on a cold JVM cost about
     * 0.3 s for all of usync's subcommands: a run pays only for its own.
     */
    public static CommandLine create(PrintStream out, PrintStream err, Map<String, String> environment,
            String... args) {
        return create(out, err, environment, named(args).<List<Class<?>>>map(List::of)
                .orElseGet(() -> List.copyOf(SUBCOMMANDS.values())));
    }

    /** The subcommand {@code args} name (the first argument that is not a root option), if any. */
    static Optional<Class<?>> named(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_HELP.contains(arg)) {
                return Optional.empty();
            }
            if (VALUE_OPTIONS.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return Optional.ofNullable(SUBCOMMANDS.get(arg));
            }
        }
        return Optional.empty();
    }

    private static CommandLine create(PrintStream out, PrintStream err, Map<String, String> environment,
            List<Class<?>> subcommands) {
        UsyncCommand root = new UsyncCommand(environment);
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(UsyncCommandLine::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) ->
                FailureReport.of(exception).print(failed.getErr(), root.verbose(), exception));
        return commandLine;
    }

    private static PrintWriter writer(PrintStream stream) {
        Charset charset = stream.charset();
        return new PrintWriter(new java.io.OutputStreamWriter(stream, charset), true);
    }

    private static int usageError(ParameterException exception, String[] args) {
        CommandLine failed = exception.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(TerminalText.printable("usync: " + exception.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(exception, err)) {
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** Whether the parse result asked for help or the version (used by tests). */
    static boolean helpRequested(ParseResult parseResult) {
        return parseResult.isUsageHelpRequested() || parseResult.isVersionHelpRequested();
    }
}
