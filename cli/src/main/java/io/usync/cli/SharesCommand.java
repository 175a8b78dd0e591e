package io.usync.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code usync shares} command: Lists and drops shares recorded in the local index. */
@Command(name = "shares", mixinStandardHelpOptions = true, description = "Lists and drops shares recorded in the local index.")
public final class SharesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "The shares action and its arguments.")
    private List<String> arguments = List.of();

    /** Says that this command is not written yet and returns {@link ExitCode#NOT_IMPLEMENTED}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usync shares: not yet implemented");
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
