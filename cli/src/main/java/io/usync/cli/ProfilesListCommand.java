package io.usync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The {@code usync profiles list} command. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Profiles list.")
public final class ProfilesListCommand implements Callable<Integer> {

    @ParentCommand
    private ProfilesCommand profiles;

    /** Not written yet. */
    @Override
    public Integer call() {
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
