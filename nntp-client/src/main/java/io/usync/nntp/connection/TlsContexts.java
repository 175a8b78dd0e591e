package io.usync.nntp.connection;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.NntpTrustStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the client TLS context of a server: JDK SSLEngine, TLS 1.2 and 1.3 only, chain and
 * host-name verification on (endpoint identification HTTPS), the server's own trust store if
 * given, and an explicit, loudly logged insecure mode.
 */
public final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /** The TLS context for a server, empty when it uses clear text. */
    public static Optional<SslContext> forServer(NntpServerOptions server) {
        if (server.tls() == NntpServerOptions.Tls.NONE) {
            return Optional.empty();
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (server.insecure()) {
                LOG.warn("TLS verification is OFF for server {}: anyone on the path can read and change the traffic",
                        server.name());
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                builder.endpointIdentificationAlgorithm("HTTPS");
                if (server.trustStore().isPresent()) {
                    builder.trustManager(trustManagers(server.trustStore().get()));
                }
            }
            return Optional.of(builder.build());
        } catch (Exception e) {
            throw new NntpTlsException("Cannot set up TLS for " + server.name() + " (" + e.getMessage()
                    + "); check the trust store path, type and password", e);
        }
    }

    private static TrustManagerFactory trustManagers(NntpTrustStore store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance(store.type());
        char[] password = store.password().get();
        try (InputStream in = Files.newInputStream(store.path())) {
            keyStore.load(in, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        return tmf;
    }
}
