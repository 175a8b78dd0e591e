package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.config.DownloadSettings;
import io.usync.config.SecretRef;
import io.usync.config.SecretUnavailableException;
import io.usync.config.ServerProfile;
import io.usync.config.ServerRole;
import io.usync.config.TlsMode;
import io.usync.config.TrustStoreSettings;
import io.usync.nntp.NntpServerOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerWiringTest {

    private static ServerProfile profile(String name, TlsMode tls, int group, Optional<String> user,
            Optional<SecretRef> password, Optional<TrustStoreSettings> trustStore) {
        return new ServerProfile(name, "news.example.com", 563, tls, false, trustStore, user, password, 12, 2, group,
                EnumSet.of(ServerRole.READ, ServerRole.CHECK), List.of(), Optional.empty(), Optional.empty());
    }

    private final ServerWiring wiring = ServerWiring.over(Map.of("NEWS_PASSWORD", "s3cret", "STORE_PASSWORD", "pw"),
            DownloadSettings.defaults());

    @Test
    void carriesAddressTlsTierRolesConnectionsAndDownloadDefaults() {
        NntpServerOptions options = wiring.options(profile("a", TlsMode.IMPLICIT, 0, Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(options.name()).isEqualTo("a");
        assertThat(options.host()).isEqualTo("news.example.com");
        assertThat(options.port()).isEqualTo(563);
        assertThat(options.tls()).isEqualTo(NntpServerOptions.Tls.IMPLICIT);
        assertThat(options.priority()).isEqualTo(2);
        assertThat(options.roles()).containsExactlyInAnyOrder(NntpServerOptions.Role.READ, NntpServerOptions.Role.CHECK);
        assertThat(options.pool().maxConnections()).isEqualTo(12);
        assertThat(options.pipelineDepth()).isEqualTo(DownloadSettings.defaults().pipelineDepth());
        assertThat(options.timeouts().connect()).isEqualTo(DownloadSettings.defaults().connectTimeout());
        assertThat(options.credentials()).isEmpty();
    }

    @Test
    void groupZeroIsAServerOfItsOwnAndEqualGroupsShareABackend() {
        NntpServerOptions alone = wiring.options(profile("a", TlsMode.NONE, 0, Optional.empty(), Optional.empty(),
                Optional.empty()));
        NntpServerOptions b = wiring.options(profile("b", TlsMode.NONE, 3, Optional.empty(), Optional.empty(),
                Optional.empty()));
        NntpServerOptions c = wiring.options(profile("c", TlsMode.NONE, 3, Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThat(b.group()).isEqualTo(c.group()).isNotEqualTo(alone.group());
    }

    @Test
    void credentialsAndTrustStoreReadTheirSecretsThroughTheReference() {
        NntpServerOptions options = wiring.options(profile("a", TlsMode.IMPLICIT, 0, Optional.of("alice"),
                Optional.of(SecretRef.env("NEWS_PASSWORD")),
                Optional.of(new TrustStoreSettings(Path.of("/tmp/store.p12"), Optional.of(SecretRef.env("STORE_PASSWORD"))))));
        assertThat(options.credentials()).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("alice");
            assertThat(c.password().get()).containsExactly("s3cret".toCharArray());
        });
        assertThat(options.trustStore()).hasValueSatisfying(t -> {
            assertThat(t.type()).isEqualTo("PKCS12");
            assertThat(t.password().get()).containsExactly("pw".toCharArray());
        });
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void anUnsetPasswordVariableFailsAtWiringBeforeAnyConnection() {
        ServerProfile p = profile("a", TlsMode.IMPLICIT, 0, Optional.of("alice"),
                Optional.of(SecretRef.env("USYNC_TEST_NOT_SET")), Optional.empty());
        assertThatThrownBy(() -> wiring.options(p)).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("USYNC_TEST_NOT_SET");
    }
}
