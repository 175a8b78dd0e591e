package io.usync.core.nzb;

import io.usync.core.NzbFormatException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads NZB 1.1 documents as a stream with the JDK's StAX parser, hardened for hostile input: a
 * DOCTYPE (even one naming a dead URL) is allowed, but no DTD, external entity or other resource
 * is ever loaded, and the JDK's entity expansion limit stays on (its entity size limits are lifted:
 * without a DTD no entity can be declared, and predefined ones cannot expand).
 */
public final class NzbReader {

    private final NzbReaderOptions options;
    private final XMLInputFactory factory;

    /** Creates a reader with the given bounds. */
    public NzbReader(NzbReaderOptions options) {
        this.options = options;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // With DTDs refused no entity can be declared, so only the predefined ones (&quot; &amp;)
        // and character references occur, and they cannot expand. The JDK still adds each one's
        // text to the document entity's size and, at 100,000 characters, stops a large honest NZB
        // (20,000 files with quoted names). Lift only those size limits; the expansion limit stays.
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", "0");
        factory.setProperty("jdk.xml.totalEntitySizeLimit", "0");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
    }

    /** Opens a stream over an NZB and reads its head; the caller closes the stream (not the input). */
    public NzbStream open(InputStream in) {
        XMLStreamReader xml;
        try {
            xml = factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new NzbFormatException("cannot read NZB: " + NzbStream.oneLine(e), e);
        }
        return new NzbStream(xml, options);
    }

    /** Reads a whole (small) NZB into memory; prefer {@link #open} for large ones. */
    public NzbDocument readAll(InputStream in) {
        try (NzbStream stream = open(in)) {
            List<NzbFile> files = new ArrayList<>();
            for (Optional<NzbFile> f = stream.nextFile(); f.isPresent(); f = stream.nextFile()) {
                files.add(f.get());
            }
            return new NzbDocument(stream.meta(), files);
        }
    }
}
