package io.usync.cli;

import io.usync.config.ServerProfile;
import io.usync.config.ServerRole;
import io.usync.core.TerminalText;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.ProbeReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code usync profiles test [NAME]} command: opens one fresh connection per profile (TLS and
 * login included), prints what the server offers and the round-trip latency, or one line saying
 * why it failed (DNS, refused, timeout, TLS, auth, limit).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Connects to each selected server: TLS, login, capabilities and round-trip latency.")
public final class ProfilesTestCommand implements Callable<Integer> {

    /** Slack on top of the connect and login deadlines before a probe is abandoned. */
    private static final Duration PROBE_SLACK = Duration.ofSeconds(5);

    @ParentCommand
    private ProfilesCommand profiles;

    @Parameters(arity = "0..1", paramLabel = "NAME",
            description = "Test only this profile (default: the --profile ones, else all).")
    private String name;

    /** Probes the profiles in parallel and returns OK, or the exit code of the first failure. */
    @Override
    public Integer call() throws InterruptedException {
        UsyncCommand usync = profiles.usync();
        List<ServerProfile> selected = name == null ? usync.selectedProfiles() : usync.selectProfiles(List.of(name));
        ServerWiring wiring = usync.serverWiring();
        List<Probe> probes = new ArrayList<>();
        for (ServerProfile profile : selected) {
            probes.add(Probe.start(profile, wiring));
        }
        try {
            PrintWriter out = usync.out();
            ExitCode result = ExitCode.OK;
            for (Probe probe : probes) {
                Outcome outcome = probe.await();
                out.println(TerminalText.printable(outcome.line()));
                if (!usync.quiet()) {
                    outcome.details().forEach(d -> out.println(TerminalText.printable(d)));
                }
                if (result == ExitCode.OK && outcome.exitCode() != ExitCode.OK) {
                    result = outcome.exitCode();
                }
            }
            out.flush();
            return result.code();
        } finally {
            probes.forEach(Probe::close);
        }
    }

    /** One profile's probe in flight, with the cluster it runs on. */
    private record Probe(ServerProfile profile, Optional<NntpServerOptions> server, Optional<NntpCluster> cluster,
            CompletableFuture<ProbeReport> report) {

        static Probe start(ServerProfile profile, ServerWiring wiring) {
            NntpServerOptions server;
            try {
                server = wiring.options(profile);
            } catch (RuntimeException e) {
                return new Probe(profile, Optional.empty(), Optional.empty(), CompletableFuture.failedFuture(e));
            }
            NntpCluster cluster;
            try {
                cluster = NntpCluster.create(List.of(server), NntpClusterOptions.defaults(), NntpEventListener.NONE);
            } catch (RuntimeException e) {
                return new Probe(profile, Optional.of(server), Optional.empty(), CompletableFuture.failedFuture(e));
            }
            return new Probe(profile, Optional.of(server), Optional.of(cluster), cluster.probe(server.name()));
        }

        Outcome await() throws InterruptedException {
            NntpServerOptions options = server.orElseGet(() -> NntpServerOptions.defaults(profile.name(),
                    profile.host(), profile.port()));
            Duration limit = options.timeouts().connect().plus(options.timeouts().login()).plus(PROBE_SLACK);
            try {
                return Outcome.success(profile, options, report.get(limit.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                return Outcome.failure(profile, ProbeFailure.of(options, e.getCause()));
            } catch (TimeoutException e) {
                return Outcome.failure(profile, new ProbeFailure("timeout", ExitCode.NETWORK, "no complete answer from "
                        + profile.host() + ":" + profile.port() + " within " + limit.toSeconds()
                        + " s - check the host, the port and the TLS setting"));
            }
        }

        void close() {
            cluster.ifPresent(NntpCluster::close);
        }
    }

    /** What one probe printed and the exit code it stands for. */
    private record Outcome(ExitCode exitCode, String line, List<String> details) {

        static Outcome failure(ServerProfile profile, ProbeFailure failure) {
            return new Outcome(failure.exitCode(), profile.name() + ": FAILED (" + failure.kind() + ") "
                    + failure.message(), List.of());
        }

        static Outcome success(ServerProfile profile, NntpServerOptions server, ProbeReport report) {
            String address = profile.host() + ":" + profile.port();
            if (profile.has(ServerRole.POST) && !report.postingAllowed() && !report.authenticated()) {
                return failure(profile, new ProbeFailure("auth", ExitCode.AUTH, address
                        + " does not allow posting without a login - add username and password to the profile"
                        + " or remove 'post' from its roles"));
            }
            String line = String.format(Locale.ROOT, "%s: ok  %s  %s  %s  posting %s  connect %s  DATE round trip %s",
                    profile.name(), address, report.tls() ? "tls" + (server.insecure() ? " (NOT verified)" : "")
                            : "plain",
                    report.authenticated() ? "logged in as " + profile.username().orElse("?") : "anonymous",
                    report.postingAllowed() ? "allowed" : "not allowed before login",
                    millis(report.connectTime()), millis(report.dateLatency()));
            List<String> details = List.of("  capabilities: " + capabilities(report.capabilities()));
            return new Outcome(ExitCode.OK, line, details);
        }

        private static String capabilities(List<String> lines) {
            List<String> words = new ArrayList<>();
            for (String capability : lines) {
                String trimmed = capability.strip();
                if (!trimmed.isEmpty()) {
                    words.add(trimmed.split("\\s+", 2)[0]);
                }
            }
            return words.isEmpty() ? "(none listed)" : String.join(" ", words);
        }

        private static String millis(Duration d) {
            return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1_000_000.0);
        }
    }
}
