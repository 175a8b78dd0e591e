package io.usync.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code usync keys} command: Creates and lists recipient key pairs for private shares. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Creates and lists recipient key pairs for private shares.")
public final class KeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "The keys action and its arguments.")
    private List<String> arguments = List.of();

    /** Says that this command is not written yet and returns {@link ExitCode#NOT_IMPLEMENTED}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usync keys: not yet implemented");
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
