package io.usync.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Entry point of the {@code usync} command. */
public final class Main {

    private Main() {
    }

    /** The slf4j-simple property that sets the level of every library logger. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The java.util.logging property naming the class that configures it (see {@link JavaLoggingConfiguration}). */
    static final String JUL_CONFIGURATION_PROPERTY = "java.util.logging.config.class";

    /**
     * Set by the launcher on a run that records the AOT cache: the file to create when the run
     * succeeds, so that only a successful run's recording becomes the cache.
     */
    static final String AOT_RECORDED_PROPERTY = "usync.aot.recorded";

    /**
     * Netty's switch for its allocator's JFR events, off unless set: the first chunk an event loop
     * allocates would initialise the event class, which registers it with the JDK's flight recorder
     * and loads that recorder's metadata (about 70 ms on an event loop, while the others wait for
     * the class, right when the first greetings arrive). usync never records those events.
     */
    static final String NETTY_JFR_PROPERTY = "io.netty.jfr.enabled";

    /**
     * slf4j's switch naming its provider: named, slf4j loads it at once instead of searching every
     * jar of the class path for one through the service loader (about 30 ms at every start).
     */
    static final String SLF4J_PROVIDER_PROPERTY = "slf4j.provider";

    /** The provider usync ships (slf4j-simple). */
    static final String SLF4J_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    /** slf4j's own verbosity: WARN, or a provider named by property costs a line on stderr at every start. */
    static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    /** Runs usync with the process's streams and exits with its {@link ExitCode}. */
    public static void main(String... args) {
        defaultProperties(verbose(args));
        // slf4j starts here, on one thread: started by two threads at once (an upload opens the
        // index while it scans), it printed a "logging calls ... intercepted and replayed" warning.
        LoggerFactory.getILoggerFactory();
        int status = run(System.out, System.err, args);
        System.out.flush();
        System.err.flush();
        markRecorded(status, System.getProperty(AOT_RECORDED_PROPERTY));
        System.exit(status);
    }

    /** Sets the logging and Netty properties usync runs with, each only where the JVM was not given it. */
    static void defaultProperties(boolean verbose) {
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null && verbose) {
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
        }
        if (System.getProperty(JUL_CONFIGURATION_PROPERTY) == null && !verbose) {
            System.setProperty(JUL_CONFIGURATION_PROPERTY, JavaLoggingConfiguration.class.getName());
        }
        if (System.getProperty(NETTY_JFR_PROPERTY) == null) {
            System.setProperty(NETTY_JFR_PROPERTY, "false");
        }
        if (System.getProperty(SLF4J_PROVIDER_PROPERTY) == null) {
            System.setProperty(SLF4J_PROVIDER_PROPERTY, SLF4J_PROVIDER);
            if (System.getProperty(SLF4J_VERBOSITY_PROPERTY) == null) {
                System.setProperty(SLF4J_VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    /** Creates {@code marker} (best effort) when {@code status} is success and a marker was asked for. */
    static void markRecorded(int status, String marker) {
        if (status != ExitCode.OK.code() || marker == null || marker.isEmpty()) {
            return;
        }
        try {
            Files.createFile(Path.of(marker));
        } catch (IOException | RuntimeException e) {
            // No marker: the launcher records again on a later run; nothing the user must know.
        }
    }

    /** Whether the arguments ask for {@code -v/--verbose} (read before any logger starts). */
    static boolean verbose(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("-v") || arg.equals("--verbose")
                    || arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 2 && arg.indexOf('v') > 0
                    && arg.chars().allMatch(c -> c == '-' || c == 'v' || c == 'q' || c == 'h' || c == 'V')) {
                return true;
            }
        }
        return false;
    }

    /** Runs usync against the given streams and returns the exit status (testable; never exits). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return UsyncCommandLine.create(out, err, System.getenv(), args).execute(args);
    }
}
