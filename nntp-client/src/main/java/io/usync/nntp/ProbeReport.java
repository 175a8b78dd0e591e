package io.usync.nntp;

import java.time.Duration;
import java.util.List;

/**
 * What a fresh connection to one server showed.
 *
 * @param server          the server name
 * @param postingAllowed  the greeting was 200
 * @param authenticated   a login was done and accepted
 * @param tls             the connection is encrypted
 * @param capabilities    the CAPABILITIES lines (after login)
 * @param connectTime     connect, TLS and login together
 * @param dateLatency     round trip of one DATE command
 */
public record ProbeReport(String server, boolean postingAllowed, boolean authenticated, boolean tls,
        List<String> capabilities, Duration connectTime, Duration dateLatency) {

    /** Copies the capability list. */
    public ProbeReport {
        capabilities = List.copyOf(capabilities);
    }
}
