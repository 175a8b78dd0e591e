package io.usync.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the picocli command line for usync: streams, usage-error and failure handling. */
public final class UsyncCommandLine {

    private UsyncCommandLine() {
    }

    /** Creates the command line over the process environment, writing to the given streams. */
    public static CommandLine create(PrintStream out, PrintStream err) {
        return create(out, err, System.getenv());
    }

    /** Creates the command line over an explicit environment (for tests). */
    public static CommandLine create(PrintStream out, PrintStream err, Map<String, String> environment) {
        UsyncCommand root = new UsyncCommand(environment);
        CommandLine commandLine = new CommandLine(root);
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
        err.println("usync: " + exception.getMessage());
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
