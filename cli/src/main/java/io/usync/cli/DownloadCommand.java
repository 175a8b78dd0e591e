package io.usync.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code usync download} command: Downloads a share (by share id or NZB file) and verifies every file. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Downloads a share (by share id or NZB file) and verifies every file.")
public final class DownloadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "<share-id|file.nzb>", description = "The share id or NZB file to download.")
    private List<String> arguments = List.of();

    /** Says that this command is not written yet and returns {@link ExitCode#NOT_IMPLEMENTED}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usync download: not yet implemented");
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
