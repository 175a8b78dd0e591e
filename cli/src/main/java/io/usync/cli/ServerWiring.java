package io.usync.cli;

import io.usync.config.DownloadSettings;
import io.usync.config.SecretRef;
import io.usync.config.ServerProfile;
import io.usync.config.ServerRole;
import io.usync.config.TlsMode;
import io.usync.config.TrustStoreSettings;
import io.usync.nntp.NntpCredentials;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTimeouts;
import io.usync.nntp.NntpTrustStore;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns configured server profiles into the NNTP client's server options; the one place where
 * config meets nntp-client, shared by every command that talks to servers.
 *
 * <p>Secrets are checked once here (so a missing variable or file is a configuration error before
 * any connection) and then read again, late, each time a login or trust store needs them.
 */
public final class ServerWiring {

    /** Pipeline depth cap accepted by the NNTP client. */
    private static final int MAX_PIPELINE_DEPTH = 1024;

    private final Function<String, Optional<String>> environment;
    private final DownloadSettings download;

    /** Creates the wiring over an environment lookup and the download defaults (depth, timeouts). */
    public ServerWiring(Function<String, Optional<String>> environment, DownloadSettings download) {
        this.environment = environment;
        this.download = download;
    }

    /** Creates the wiring over an environment map (usually the process environment). */
    public static ServerWiring over(Map<String, String> environment, DownloadSettings download) {
        Map<String, String> copy = Map.copyOf(environment);
        return new ServerWiring(name -> Optional.ofNullable(copy.get(name)), download);
    }

    /** The options for every profile, in order. */
    public List<NntpServerOptions> options(List<ServerProfile> profiles) {
        return profiles.stream().map(this::options).toList();
    }

    /**
     * The options for one profile.
     *
     * @throws io.usync.config.SecretUnavailableException when a password reference cannot be read
     */
    public NntpServerOptions options(ServerProfile profile) {
        NntpServerOptions options = NntpServerOptions.defaults(profile.name(), profile.host(), profile.port())
                .withTls(tls(profile.tls()), profile.trustStore().map(this::trustStore), profile.insecure())
                .withPlacement(profile.priority(), backendGroup(profile), roles(profile.roles()))
                .withPipelineDepth(Math.min(MAX_PIPELINE_DEPTH, download.pipelineDepth()))
                .withTimeouts(timeouts())
                .withPool(NntpPoolOptions.defaults().withMaxConnections(profile.connections()));
        if (profile.username().isPresent() && profile.password().isPresent()) {
            options = options.withCredentials(new NntpCredentials(profile.username().get(),
                    checkedSecret(profile.password().get())));
        }
        return options;
    }

    /** Servers sharing a configured group number share a backend; group 0 means "its own". */
    static String backendGroup(ServerProfile profile) {
        return profile.group() == 0 ? "server:" + profile.name() : "group:" + profile.group();
    }

    static NntpServerOptions.Tls tls(TlsMode mode) {
        return switch (mode) {
            case NONE -> NntpServerOptions.Tls.NONE;
            case IMPLICIT -> NntpServerOptions.Tls.IMPLICIT;
            case STARTTLS -> NntpServerOptions.Tls.STARTTLS;
        };
    }

    static Set<NntpServerOptions.Role> roles(Set<ServerRole> roles) {
        Set<NntpServerOptions.Role> result = EnumSet.noneOf(NntpServerOptions.Role.class);
        for (ServerRole role : roles) {
            result.add(switch (role) {
                case POST -> NntpServerOptions.Role.POST;
                case CHECK -> NntpServerOptions.Role.CHECK;
                case READ -> NntpServerOptions.Role.READ;
            });
        }
        return result;
    }

    private NntpTimeouts timeouts() {
        NntpTimeouts defaults = NntpTimeouts.defaults();
        return new NntpTimeouts(download.connectTimeout(), defaults.login(), download.readTimeout(),
                defaults.command().compareTo(download.readTimeout()) >= 0 ? defaults.command() : download.readTimeout());
    }

    private NntpTrustStore trustStore(TrustStoreSettings settings) {
        Supplier<char[]> password = settings.password().map(this::checkedSecret).orElse(() -> new char[0]);
        return new NntpTrustStore(settings.path(), "PKCS12", password);
    }

    private Supplier<char[]> checkedSecret(SecretRef ref) {
        Arrays.fill(ref.resolve(environment), '\0');
        return () -> ref.resolve(environment);
    }
}
