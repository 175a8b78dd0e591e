package io.usync.it.support;

import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.InnServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for the fault and crash cases: before each test it finds the real INN2
 * ({@link InnServer#require()}: skipped when absent, failed under {@code CI=true}) and starts a
 * fresh {@link NntpFaultProxy} in front of it; after each test it closes the proxy. Register it on
 * an instance field with {@code @RegisterExtension}.
 */
public final class InnFaultProxy implements BeforeEachCallback, AfterEachCallback {

    private InnServer inn;
    private NntpFaultProxy proxy;

    /** Finds INN2 and starts the proxy. */
    @Override
    public void beforeEach(ExtensionContext context) {
        inn = InnServer.require();
        proxy = NntpFaultProxy.start(inn.host(), inn.port());
    }

    /** Closes the proxy and every connection through it. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    /** The real INN2 of this test. */
    public InnServer inn() {
        if (inn == null) {
            throw new IllegalStateException("InnFaultProxy is used before its test started");
        }
        return inn;
    }

    /** The fault proxy of this test, in front of INN2. */
    public NntpFaultProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("InnFaultProxy is used outside its test");
        }
        return proxy;
    }

    /** Server options ({@link RoundTrip#server}) reaching INN2 through the proxy, in {@code tier}. */
    public NntpServerOptions viaProxy(String name, int tier) {
        return RoundTrip.server(name, proxy().host(), proxy().port(), tier);
    }

    /** Server options ({@link RoundTrip#server}) reaching INN2 directly, in {@code tier}. */
    public NntpServerOptions direct(String name, int tier) {
        return RoundTrip.server(name, inn().host(), inn().port(), tier);
    }
}
