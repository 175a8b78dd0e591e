package io.usync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The {@code usync profiles test} command. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Profiles test.")
public final class ProfilesTestCommand implements Callable<Integer> {

    @ParentCommand
    private ProfilesCommand profiles;

    /** Not written yet. */
    @Override
    public Integer call() {
        return ExitCode.NOT_IMPLEMENTED.code();
    }
}
