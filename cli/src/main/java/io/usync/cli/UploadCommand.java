package io.usync.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code usync upload} command: Uploads a folder to Usenet and prints its share id. */
@Command(name = "upload", mixinStandardHelpOptions = true, description = "Uploads a folder to Usenet and prints its share id.")
public final class UploadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "<dir>", description = "The folder to upload.")
    private List<String> arguments = List.of();

    /** Says that this command is not written yet and returns {@link ExitCode#NOT_IMPLEMENTED}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usync upload: not yet implemented");
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
