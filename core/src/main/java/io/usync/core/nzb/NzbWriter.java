package io.usync.core.nzb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an NZB 1.1 document as a stream: the prolog at construction, an optional head, then files
 * one by one (whole, or opened and fed segment by segment in ascending order), and {@code </nzb>}
 * on {@link #close()}. All text is escaped; characters XML 1.0 cannot carry are refused.
 */
public final class NzbWriter implements AutoCloseable {

    /** The NZB 1.1 namespace. */
    public static final String NAMESPACE = "http://www.newzbin.com/DTD/2003/nzb";

    private enum State { START, FILES, IN_FILE, CLOSED }

    private final Writer out;
    private State state = State.START;
    private int lastNumber;

    /** Starts a document on {@code stream} (UTF-8); closing the writer closes the stream. */
    public NzbWriter(OutputStream stream) throws IOException {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE nzb PUBLIC \"-//newzBin//DTD NZB 1.1//EN\" \"http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd\">\n"
                + "<nzb xmlns=\"" + NAMESPACE + "\">\n");
    }

    /** Writes the head with its meta entries; only before the first file. */
    public void writeHead(List<NzbMeta> meta) throws IOException {
        if (state != State.START) {
            throw new IllegalStateException("the head must come before any file");
        }
        state = State.FILES;
        if (meta.isEmpty()) {
            return;
        }
        out.write(" <head>\n");
        for (NzbMeta m : meta) {
            out.write("  <meta type=\"" + escape(m.type()) + "\">" + escape(m.value()) + "</meta>\n");
        }
        out.write(" </head>\n");
    }

    /** Writes a whole file element. */
    public void writeFile(NzbFile file) throws IOException {
        beginFile(file.poster(), file.date(), file.subject(), file.groups());
        for (NzbSegment s : file.segments()) {
            segment(s);
        }
        endFile();
    }

    /** Opens a file element; feed its segments with {@link #segment} then call {@link #endFile()}. */
    public void beginFile(String poster, long date, String subject, List<String> groups) throws IOException {
        if (state == State.IN_FILE || state == State.CLOSED) {
            throw new IllegalStateException("a file is already open or the writer is closed");
        }
        state = State.IN_FILE;
        lastNumber = 0;
        out.write(" <file poster=\"" + escape(poster) + "\" date=\"" + date + "\" subject=\"" + escape(subject) + "\">\n");
        out.write("  <groups>\n");
        for (String g : groups) {
            out.write("   <group>" + escape(g) + "</group>\n");
        }
        out.write("  </groups>\n  <segments>\n");
    }

    /** Writes one segment of the open file; numbers must ascend. */
    public void segment(NzbSegment segment) throws IOException {
        if (state != State.IN_FILE) {
            throw new IllegalStateException("no file is open");
        }
        if (segment.number() <= lastNumber) {
            throw new IllegalArgumentException("segment " + segment.number() + " written after " + lastNumber
                    + "; segments must be in ascending order");
        }
        lastNumber = segment.number();
        out.write("   <segment bytes=\"" + segment.bytes() + "\" number=\"" + segment.number() + "\">"
                + escape(segment.messageId()) + "</segment>\n");
    }

    /** Closes the open file element. */
    public void endFile() throws IOException {
        if (state != State.IN_FILE) {
            throw new IllegalStateException("no file is open");
        }
        state = State.FILES;
        out.write("  </segments>\n </file>\n");
    }

    /** Ends the document and closes the stream. */
    @Override
    public void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.IN_FILE) {
            endFile();
        }
        state = State.CLOSED;
        out.write("</nzb>\n");
        out.close();
    }

    /** Escapes text for an XML 1.0 attribute or element; throws on characters XML cannot carry. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\t' -> "&#9;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                                + " cannot be written to an NZB");
                    }
                    if (Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        throw new IllegalArgumentException("unpaired surrogate cannot be written to an NZB");
                    }
                    yield null;
                }
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
