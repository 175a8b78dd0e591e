package io.usync.cli;

import io.usync.config.ConfigException;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTimeoutException;
import io.usync.nntp.NntpTlsException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Why a server could not be used, as one kind, one exit code and one line saying what to do:
 * the failure kinds {@code usync profiles test} tells apart.
 *
 * @param kind     short name: dns, refused, timeout, unreachable, tls, auth, limit, config, error
 * @param exitCode the exit code this failure maps to
 * @param message  the line a person sees (no secrets)
 */
public record ProbeFailure(String kind, ExitCode exitCode, String message) {

    /** Validates presence. */
    public ProbeFailure {
        if (kind == null || exitCode == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("kind, exit code and message are required");
        }
    }

    /** Classifies a fault from connecting to {@code server}. */
    public static ProbeFailure of(NntpServerOptions server, Throwable fault) {
        Throwable top = NntpException.unwrap(fault);
        String where = server.host() + ":" + server.port();
        if (top instanceof ConfigException e) {
            return new ProbeFailure("config", ExitCode.CONFIG, e.getMessage());
        }
        if (top instanceof NntpAuthException e) {
            return new ProbeFailure("auth", ExitCode.AUTH, e.getMessage());
        }
        if (top instanceof NntpConnectException e && e.tooManyConnections()) {
            return new ProbeFailure("limit", ExitCode.LIMIT, e.getMessage());
        }
        if (top instanceof NntpTlsException e) {
            return new ProbeFailure("tls", ExitCode.TLS, tlsMessage(server, e));
        }
        if (has(top, UnknownHostException.class)) {
            return new ProbeFailure("dns", ExitCode.NETWORK, "cannot resolve host '" + server.host()
                    + "' - check the host name in the profile and your DNS");
        }
        if (top instanceof NntpTimeoutException || hasNamed(top, "ConnectTimeoutException")
                || has(top, java.net.SocketTimeoutException.class)) {
            return new ProbeFailure("timeout", ExitCode.NETWORK, "no answer from " + where + " in time"
                    + " - check the host, the port and any firewall");
        }
        if (has(top, NoRouteToHostException.class)) {
            return new ProbeFailure("unreachable", ExitCode.NETWORK, "no route to " + where
                    + " - check the host and your network");
        }
        if (has(top, ConnectException.class)) {
            return new ProbeFailure("refused", ExitCode.NETWORK, "connection refused by " + where
                    + " - is the server running and is " + server.port() + " its port?");
        }
        if (has(top, SSLException.class)) {
            return new ProbeFailure("tls", ExitCode.TLS, tlsMessage(server, top));
        }
        if (top instanceof NntpConnectException e) {
            return new ProbeFailure("refused", ExitCode.NETWORK, e.getMessage());
        }
        String text = top.getMessage() == null ? top.getClass().getSimpleName() : top.getMessage();
        return new ProbeFailure("error", ExitCode.NETWORK, text);
    }

    private static String tlsMessage(NntpServerOptions server, Throwable fault) {
        String where = server.host() + ":" + server.port();
        String detail = fault.getMessage() == null ? fault.getClass().getSimpleName() : fault.getMessage();
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("not an ssl/tls record")) {
            return "TLS with " + where + " failed: the server answered in clear text - use its TLS port"
                    + " (usually 563) or set tls: none";
        }
        if (lower.contains("certification path") || lower.contains("pkix")) {
            return "TLS with " + where + " failed: the server's certificate is not trusted - add a trustStore"
                    + " holding it (self-signed servers) or, knowingly, insecure: true";
        }
        if (lower.contains("subject alternative") || lower.contains("no name matching")) {
            return "TLS with " + where + " failed: the certificate does not name host '" + server.host()
                    + "' - use the host name the certificate was issued for";
        }
        return fault instanceof NntpTlsException ? detail : "TLS with " + where + " failed: " + detail;
    }

    /** Matches by simple name, so transport classes (Netty's connect timeout) need no dependency. */
    private static boolean hasNamed(Throwable fault, String simpleName) {
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable fault, Class<? extends Throwable> type) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
