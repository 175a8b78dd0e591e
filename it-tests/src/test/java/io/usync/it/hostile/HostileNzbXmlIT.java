package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.NzbFormatException;
import io.usync.core.nzb.NzbDocument;
import io.usync.core.nzb.NzbReader;
import io.usync.core.nzb.NzbReaderOptions;
import io.usync.it.support.CliRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NZBs that attack the XML parser: external entities naming a local file, a remote DTD and
 * parameter entities pointing at a loopback listener that records any connection, and entity
 * expansion bombs. Nothing is read or fetched, memory stays bounded, and the CLI answers one line.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileNzbXmlIT {

    private static final String SEGMENTS = "<file poster=\"p\" date=\"1\" subject=\"&quot;a.bin&quot; yEnc (1/1)\">"
            + "<groups><group>alt.binaries.test</group></groups><segments><segment bytes=\"10\" number=\"1\">%s</segment>"
            + "</segments></file>";

    @TempDir
    Path dir;

    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (var s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException, InterruptedException {
        listener.close();
        acceptor.join(2_000);
    }

    private String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/nzb.dtd";
    }

    private static NzbDocument parse(String xml) {
        return new NzbReader(NzbReaderOptions.defaults()).readAll(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertNoConnection() throws InterruptedException {
        Thread.sleep(300);
        assertThat(connections.get()).as("connections to the DTD/entity URL").isZero();
    }

    @Test
    void anExternalEntityNamingALocalFileIsRefusedAndTheFileIsNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-MARKER");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n<nzb>"
                + SEGMENTS.formatted("&x;") + "</nzb>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(NzbFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET-MARKER", "\n"));
        Path nzb = Files.writeString(dir.resolve("xxe.nzb"), xml);
        CliRun.Result run = CliRun.run(Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("cfg").toString()),
                "download", nzb.toString(), "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s", run).isNotZero();
        assertThat(run.everything()).doesNotContain("TOP-SECRET-MARKER");
    }

    @Test
    void aRemoteDtdIsNeverFetchedAndTheDoctypeIsAllowed() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb PUBLIC \"-//newzBin//DTD NZB 1.1//EN\" \"" + url() + "\">\n<nzb>"
                + SEGMENTS.formatted("a1@b") + "</nzb>";
        NzbDocument document = parse(xml);
        assertThat(document.files()).hasSize(1);
        assertNoConnection();
    }

    @Test
    void networkEntitiesNeverConnectAndExternalOnesAreRefused() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY % remote SYSTEM \"" + url() + "\"> %remote;]>\n<nzb>"
                + SEGMENTS.formatted("a1@b") + "</nzb>";
        try {
            parse(xml);
        } catch (NzbFormatException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n");
        }
        assertNoConnection();
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY x SYSTEM \"" + url() + "\">]>\n<nzb>"
                + SEGMENTS.formatted("&x;") + "</nzb>";
        assertThatThrownBy(() -> parse(external)).isInstanceOf(NzbFormatException.class);
        assertNoConnection();
    }

    @Test
    void anEntityExpansionBombIsRefusedWithBoundedMemory() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE nzb [<!ENTITY l0 \"lollollollollollollollollollol\">");
        for (int i = 1; i <= 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = "<?xml version=\"1.0\"?>\n" + dtd + "\n<nzb>" + SEGMENTS.formatted("&l12;") + "</nzb>";
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(NzbFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertThat(after - before).as("heap growth while refusing the bomb").isLessThan(256L << 20);
    }

    @Test
    void aQuadraticBlowupWithOneLargeEntityIsRefused() {
        String big = "A".repeat(100_000);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY a \"" + big + "\">]>\n<nzb>"
                + SEGMENTS.formatted("&a;".repeat(10_000)) + "</nzb>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(NzbFormatException.class);
    }
}
