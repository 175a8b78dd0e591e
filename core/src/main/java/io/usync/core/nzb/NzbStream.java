package io.usync.core.nzb;

import io.usync.core.NzbFormatException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An open NZB read file by file: {@link #meta()} after opening, then {@link #nextFile()} until
 * empty. Real-world defects (missing attributes, duplicate segments) are repaired and reported in
 * {@link #warnings()}; malformed XML is an {@link NzbFormatException}. Not thread-safe.
 */
public final class NzbStream implements AutoCloseable {

    private final XMLStreamReader xml;
    private final NzbReaderOptions options;
    private final List<NzbMeta> meta = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int warningCount;
    private int fileCount;
    private boolean pendingFile;
    private boolean done;

    NzbStream(XMLStreamReader xml, NzbReaderOptions options) {
        this.xml = xml;
        this.options = options;
        try {
            readRootAndHead();
        } catch (XMLStreamException e) {
            close();
            throw error(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The head's meta entries, in document order. */
    public List<NzbMeta> meta() {
        return List.copyOf(meta);
    }

    /** Repairs and oddities seen so far, one line each (at most the configured number). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** How many warnings were raised, including those not kept. */
    public int warningCount() {
        return warningCount;
    }

    /** The next file, or empty at the end of the document. */
    public Optional<NzbFile> nextFile() {
        if (done) {
            return Optional.empty();
        }
        try {
            if (!pendingFile && !advanceToFile()) {
                done = true;
                return Optional.empty();
            }
            pendingFile = false;
            return Optional.of(readFile());
        } catch (XMLStreamException e) {
            done = true;
            throw error(e);
        }
    }

    /** Closes the parser (the underlying input stream stays open). */
    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // nothing useful to do: the parser holds no resources of ours
        }
    }

    private void readRootAndHead() throws XMLStreamException {
        boolean root = false;
        while (!root && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!"nzb".equals(xml.getLocalName())) {
                    throw new NzbFormatException("not an NZB: the root element is <" + xml.getLocalName()
                            + "> instead of <nzb>" + at());
                }
                root = true;
            }
        }
        if (!root) {
            throw new NzbFormatException("not an NZB: no <nzb> element");
        }
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "head" -> readHead();
                    case "file" -> {
                        pendingFile = true;
                        return;
                    }
                    default -> skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                done = true;
                return;
            }
        }
        done = true;
    }

    private void readHead() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("meta".equals(xml.getLocalName())) {
                    String type = attribute("type").orElse("");
                    String value = text().strip();
                    if (type.isBlank()) {
                        warn("meta without a type ignored" + at());
                    } else {
                        meta.add(new NzbMeta(type, value));
                    }
                } else {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
        }
    }

    private boolean advanceToFile() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("file".equals(xml.getLocalName())) {
                    return true;
                }
                skipElement();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    private NzbFile readFile() throws XMLStreamException {
        fileCount++;
        String poster = attribute("poster").orElse("");
        String subject = attribute("subject").orElse("");
        long date = 0;
        Optional<String> dateText = attribute("date");
        if (dateText.isPresent()) {
            try {
                date = Long.parseLong(dateText.get().strip());
            } catch (NumberFormatException e) {
                warn("file " + fileCount + ": unreadable date '" + clip(dateText.get()) + "' taken as 0");
            }
        }
        if (subject.isEmpty()) {
            warn("file " + fileCount + ": no subject" + at());
        }
        List<String> groups = new ArrayList<>();
        List<NzbSegment> segments = new ArrayList<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "groups" -> readGroups(groups);
                    case "segments" -> readSegments(segments);
                    default -> skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        return new NzbFile(poster, date, subject, groups, inOrderWithoutDuplicates(segments));
    }

    private void readGroups(List<String> groups) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("group".equals(xml.getLocalName())) {
                    String g = text().strip();
                    if (!g.isEmpty()) {
                        groups.add(g);
                    }
                } else {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
        }
    }

    private void readSegments(List<NzbSegment> segments) throws XMLStreamException {
        int highest = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!"segment".equals(xml.getLocalName())) {
                    skipElement();
                    continue;
                }
                // The segment's position, formatted only for a warning (most segments have none).
                Location start = xml.getLocation();
                int line = start == null ? -1 : start.getLineNumber();
                int column = start == null ? -1 : start.getColumnNumber();
                Optional<Integer> number = attribute("number").flatMap(NzbStream::parsePositiveInt);
                long bytes = attribute("bytes").flatMap(NzbStream::parseNonNegativeLong).orElse(0L);
                String id = stripBrackets(text().strip());
                if (id.isEmpty()) {
                    warn("file " + fileCount + ": segment without a message id skipped" + at(line, column));
                    continue;
                }
                int n;
                if (number.isPresent()) {
                    n = number.get();
                } else {
                    n = highest + 1;
                    warn("file " + fileCount + ": segment without a valid number taken as " + n + at(line, column));
                }
                if (segments.size() >= options.maxSegmentsPerFile()) {
                    throw new NzbFormatException("NZB file " + fileCount + " has more than "
                            + options.maxSegmentsPerFile() + " segments; refusing to read further");
                }
                try {
                    segments.add(new NzbSegment(n, bytes, id));
                } catch (IllegalArgumentException e) {
                    warn("file " + fileCount + ": segment " + n + " skipped: " + e.getMessage() + at(line, column));
                    continue;
                }
                highest = Math.max(highest, n);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
        }
    }

    private List<NzbSegment> inOrderWithoutDuplicates(List<NzbSegment> segments) {
        segments.sort(Comparator.comparingInt(NzbSegment::number));
        List<NzbSegment> out = new ArrayList<>(segments.size());
        int last = 0;
        for (NzbSegment s : segments) {
            if (s.number() == last) {
                warn("file " + fileCount + ": duplicate segment number " + s.number() + ", kept the first");
                continue;
            }
            out.add(s);
            last = s.number();
        }
        return out;
    }

    private String text() throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (b.length() + xml.getTextLength() > options.maxTextLength()) {
                        throw new NzbFormatException("NZB text longer than " + options.maxTextLength()
                                + " characters" + at());
                    }
                    b.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
                case XMLStreamConstants.START_ELEMENT -> skipElement();
                case XMLStreamConstants.END_ELEMENT -> {
                    return b.toString();
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new NzbFormatException(
                        "NZB uses entity '" + xml.getLocalName() + "', which is refused" + at());
                default -> { }
            }
        }
        throw new NzbFormatException("NZB ends inside an element");
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private Optional<String> attribute(String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (name.equals(xml.getAttributeLocalName(i))) {
                String v = xml.getAttributeValue(i);
                if (v.length() > options.maxTextLength()) {
                    throw new NzbFormatException("NZB attribute '" + name + "' longer than "
                            + options.maxTextLength() + " characters" + at());
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> parsePositiveInt(String s) {
        return parseLong(s).filter(v -> v >= 1 && v <= Integer.MAX_VALUE).map(Long::intValue);
    }

    private static Optional<Long> parseNonNegativeLong(String s) {
        return parseLong(s).filter(v -> v >= 0);
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stripBrackets(String id) {
        if (id.length() >= 2 && id.charAt(0) == '<' && id.charAt(id.length() - 1) == '>') {
            return id.substring(1, id.length() - 1);
        }
        return id;
    }

    private void warn(String message) {
        warningCount++;
        if (warnings.size() < options.maxWarnings()) {
            warnings.add(message);
        }
    }

    private String at() {
        Location l = xml.getLocation();
        return l == null ? "" : at(l.getLineNumber(), l.getColumnNumber());
    }

    private static String at(int line, int column) {
        return line < 0 ? "" : " (line " + line + ", column " + column + ")";
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private NzbFormatException error(XMLStreamException e) {
        return new NzbFormatException("malformed or refused NZB: " + oneLine(e), e);
    }

    static String oneLine(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }
}
