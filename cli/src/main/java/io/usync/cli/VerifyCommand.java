package io.usync.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code usync verify} command: Checks that every article of a share is still available on the servers. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Checks that every article of a share is still available on the servers.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "<share-id>", description = "The share id to verify.")
    private List<String> arguments = List.of();

    /** Says that this command is not written yet and returns {@link ExitCode#NOT_IMPLEMENTED}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usync verify: not yet implemented");
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
