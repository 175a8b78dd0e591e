package io.usync.cli;

import io.usync.config.SecretRef;
import io.usync.config.ServerProfile;
import io.usync.config.ServerRole;
import io.usync.config.TrustStoreSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The {@code usync profiles list} command: one line per configured server, never a secret. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the configured server profiles (passwords only as their env:/file: reference).")
public final class ProfilesListCommand implements Callable<Integer> {

    @ParentCommand
    private ProfilesCommand profiles;

    /** Prints the selected profiles and returns {@link ExitCode#OK}. */
    @Override
    public Integer call() {
        UsyncCommand usync = profiles.usync();
        List<ServerProfile> selected = usync.selectedProfiles();
        PrintWriter out = usync.out();
        int width = selected.stream().mapToInt(p -> p.name().length()).max().orElse(4);
        for (ServerProfile profile : selected) {
            out.println(line(profile, width));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** One profile as one line: name, address, TLS, login, roles, connections, tier and group. */
    static String line(ServerProfile p, int width) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + width + "s  %s:%d  tls=%s", p.name(), p.host(), p.port(),
                p.tls().name().toLowerCase(Locale.ROOT)));
        if (p.insecure()) {
            b.append(" (certificate NOT verified)");
        }
        p.trustStore().map(TrustStoreSettings::path).ifPresent(path -> b.append("  trustStore=").append(path));
        b.append("  login=").append(p.username().map(u -> u + " password=" + p.password()
                .map(SecretRef::reference).orElse("?")).orElse("none"));
        b.append("  roles=").append(p.roles().stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")));
        b.append("  connections=").append(p.connections());
        b.append("  priority=").append(p.priority());
        if (p.group() != 0) {
            b.append("  group=").append(p.group());
        }
        if (p.has(ServerRole.POST)) {
            b.append("  newsgroups=").append(String.join(",", p.newsgroups()));
        }
        p.retentionDays().ifPresent(days -> b.append("  retention=").append(days).append('d'));
        return b.toString();
    }
}
