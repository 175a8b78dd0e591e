package io.usync.cli;

import io.usync.config.ConfigException;
import io.usync.config.ConfigLoader;
import io.usync.config.ConfigPaths;
import io.usync.config.ServerProfile;
import io.usync.config.UsyncConfig;
import io.usync.core.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code usync} command: holds the global options and gives subcommands their streams,
 * environment and configuration (subcommands reach it with {@code @ParentCommand}); its
 * subcommands are added by {@link UsyncCommandLine}.
 */
@Command(
        name = "usync",
        mixinStandardHelpOptions = true,
        versionProvider = UsyncVersion.class,
        sortOptions = false,
        description = "Moves large datasets through Usenet: upload a folder, get a share id, download it anywhere.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 failed, 2 usage, 3 config, 4 network, 5 tls, 6 auth, 7 limit,",
            "  8 partial upload, 9 incomplete download, 10 index, 11 data,",
            "  130 interrupted (details in README.md)."
        })
public final class UsyncCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: $XDG_CONFIG_HOME/usync/config.yaml).")
    private Path configFile;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Use only this server profile (repeatable; default: all profiles).")
    private List<String> profileNames = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Say more, and show stack traces on errors.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors.")
    private boolean quiet;

    private final Map<String, String> environment;
    private UsyncConfig config;

    /** Creates the root command over the given environment variables (usually System.getenv()). */
    public UsyncCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Without a subcommand, prints the usage to standard error and returns {@link ExitCode#USAGE}. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Where results go (standard output). */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress, warnings and errors go (standard error). */
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The environment variables this run sees. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether {@code -v/--verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Whether {@code -q/--quiet} was given. */
    public boolean quiet() {
        return quiet;
    }

    /** The profile names given with {@code --profile}, in order (empty means all). */
    public List<String> profileNames() {
        return List.copyOf(profileNames);
    }

    /** The {@code --config} file, if given. */
    public Optional<Path> explicitConfigFile() {
        return Optional.ofNullable(configFile);
    }

    /** The XDG base directories this run uses. */
    public ConfigPaths paths() {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return ConfigPaths.of(environment, Path.of(home));
    }

    /** The configuration file this run reads: {@code --config}, else the XDG default location. */
    public Path configFile() {
        return explicitConfigFile().orElseGet(() -> paths().configFile());
    }

    /**
     * The loaded configuration (read once per run); warnings are printed unless quiet.
     *
     * @throws CliException with {@link ExitCode#CONFIG} when the file is missing or invalid
     */
    public UsyncConfig config() {
        if (config == null) {
            Path file = configFile();
            try {
                config = ConfigLoader.load(file);
            } catch (ConfigException e) {
                throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
            }
            if (!quiet) {
                config.warnings().forEach(w -> err().println(TerminalText.printable("usync: warning: " + w)));
            }
        }
        return config;
    }

    /**
     * The profiles this run uses: those named with {@code --profile} (in that order), else all.
     *
     * @throws CliException with {@link ExitCode#CONFIG} for an unknown name or no profile at all
     */
    public List<ServerProfile> selectedProfiles() {
        return selectProfiles(profileNames);
    }

    /** The profiles with the given names (in that order), or all when the list is empty. */
    public List<ServerProfile> selectProfiles(List<String> names) {
        UsyncConfig loaded = config();
        if (loaded.servers().isEmpty()) {
            throw new CliException(ExitCode.CONFIG, configFile() + " defines no servers - add a profile under 'servers:'");
        }
        if (names.isEmpty()) {
            return loaded.servers();
        }
        List<ServerProfile> chosen = new ArrayList<>();
        for (String name : names) {
            ServerProfile profile = loaded.server(name).orElseThrow(() -> new CliException(ExitCode.CONFIG,
                    "no profile named '" + name + "' in " + configFile() + " - known profiles: "
                            + String.join(", ", loaded.servers().stream().map(ServerProfile::name).toList())));
            if (!chosen.contains(profile)) {
                chosen.add(profile);
            }
        }
        return List.copyOf(chosen);
    }

    /** The wiring from profiles to NNTP client options, over this run's environment and settings. */
    public ServerWiring serverWiring() {
        return ServerWiring.over(environment, config().download());
    }

    /**
     * Prints a progress or information line to standard error unless {@code --quiet}, control
     * characters (from names it may hold) shown as {@code ?}.
     */
    public void info(String line) {
        if (!quiet) {
            err().println(TerminalText.printable(line));
        }
    }
}
