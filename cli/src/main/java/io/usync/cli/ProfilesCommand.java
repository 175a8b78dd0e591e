package io.usync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code usync profiles} command group: list and test the configured news servers. */
@Command(name = ProfilesCommand.NAME, mixinStandardHelpOptions = true,
        description = "Lists and tests the configured news-server profiles.",
        subcommands = {ProfilesListCommand.class, ProfilesTestCommand.class})
public final class ProfilesCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "profiles";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private UsyncCommand usync;

    /** The root command (streams, environment, configuration). */
    UsyncCommand usync() {
        return usync;
    }

    /** Without a subcommand, prints the usage and returns {@link ExitCode#USAGE}. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
