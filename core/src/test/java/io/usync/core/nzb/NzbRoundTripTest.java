package io.usync.core.nzb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NzbRoundTripTest {

    private final NzbReader reader = new NzbReader(NzbReaderOptions.defaults());

    @Test
    void writtenDocumentReadsBackIdentically() throws IOException {
        NzbDocument doc = new NzbDocument(
                List.of(new NzbMeta("title", "Holiday <2024> & friends"), new NzbMeta("password", "s3cr\"et")),
                List.of(file("[1/2] - \"a & b.bin\" yEnc (1/2) 1000", 2), file("[2/2] - \"\u00fcber 'q'.txt\" yEnc (1/1) 10", 1)));
        byte[] xml = write(doc);
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<!DOCTYPE nzb", "xmlns=\"http://www.newzbin.com/DTD/2003/nzb\"", "&amp;", "&lt;2024&gt;");
        assertThat(reader.readAll(new ByteArrayInputStream(xml))).isEqualTo(doc);
    }

    @Test
    void writerRefusesSegmentsOutOfOrderAndUnwritableCharacters() throws IOException {
        NzbWriter writer = new NzbWriter(new ByteArrayOutputStream());
        writer.beginFile("p", 1, "s", List.of("g"));
        writer.segment(new NzbSegment(2, 1, "a@b"));
        assertThatThrownBy(() -> writer.segment(new NzbSegment(1, 1, "c@d"))).hasMessageContaining("ascending");
        assertThatThrownBy(() -> NzbWriter.escape("bad\u0001")).hasMessageContaining("U+0001");
        assertThatThrownBy(() -> NzbWriter.escape("bad\ud800")).hasMessageContaining("surrogate");
        assertThat(NzbWriter.escape("tab\there")).isEqualTo("tab&#9;here");
    }

    @Test
    void readsFileByFileWithoutHoldingTheDocument() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NzbWriter w = new NzbWriter(bytes)) {
            w.writeHead(List.of());
            for (int i = 0; i < 50; i++) {
                w.writeFile(file("\"f" + i + "\"", 3));
            }
        }
        try (NzbStream stream = reader.open(new ByteArrayInputStream(bytes.toByteArray()))) {
            int count = 0;
            for (Optional<NzbFile> f = stream.nextFile(); f.isPresent(); f = stream.nextFile()) {
                assertThat(f.get().quotedName()).contains("f" + count);
                count++;
            }
            assertThat(count).isEqualTo(50);
            assertThat(stream.nextFile()).isEmpty();
        }
    }

    private static NzbFile file(String subject, int segments) {
        List<NzbSegment> list = new ArrayList<>();
        for (int i = 1; i <= segments; i++) {
            list.add(new NzbSegment(i, 716800L + i, "part" + i + "." + subject.hashCode() + "@news.example"));
        }
        return new NzbFile("poster <p@example.com>", 1_700_000_000L, subject, List.of("alt.binaries.test", "alt.binaries.misc"), list);
    }

    private static byte[] write(NzbDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NzbWriter w = new NzbWriter(out)) {
            w.writeHead(doc.meta());
            for (NzbFile f : doc.files()) {
                w.writeFile(f);
            }
        }
        return out.toByteArray();
    }
}
