package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which faults stop a whole upload or download: the one rule both use ({@link NntpConnectException#stopsJob}). */
class JobStoppingFaultTest {

    private final NntpConnectException connect = new NntpConnectException("Cannot connect to news.example:119");

    @Test
    void aLoginOrTlsRefusalStopsTheJobEvenAfterAnAnswer() {
        NntpAuthException login = new NntpAuthException("login refused");
        NntpTlsException tls = new NntpTlsException("handshake failed");
        assertThat(NntpConnectException.stopsJob(new CompletionException(login), true)).contains(login);
        assertThat(NntpConnectException.stopsJob(tls, false)).contains(tls);
    }

    @Test
    void aFailureToConnectStopsTheJobOnlyBeforeAnyServerAnswered() {
        assertThat(NntpConnectException.stopsJob(new CompletionException(connect), false)).contains(connect);
        assertThat(NntpConnectException.stopsJob(connect, true)).isEmpty();
    }

    @Test
    void anOpenCircuitStopsTheJobThroughItsConnectFault() {
        NntpUnavailableException paused = new NntpUnavailableException("paused", connect, true);
        assertThat(NntpConnectException.stopsJob(paused, false)).contains(connect);
        assertThat(NntpConnectException.stopsJob(new NntpUnavailableException("paused", null, true), false)).isEmpty();
    }

    @Test
    void otherFaultsAndAConnectionLimitDoNotStopTheJob() {
        NntpConnectException limit = new NntpConnectException("too many connections", null, true);
        assertThat(NntpConnectException.stopsJob(limit, false)).isEmpty();
        assertThat(NntpConnectException.stopsJob(new NntpTimeoutException("timed out"), false)).isEmpty();
        assertThat(NntpConnectException.stopsJob(new NntpProtocolException("bad reply"), false)).isEmpty();
    }
}
