package io.usync.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads CRLF (or LF) terminated lines from a stream, each at most {@code limit} bytes (longer ones arrive in pieces). */
final class LineInput {

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int end;

    LineInput(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line with its line end, a piece of {@code limit} bytes of a longer line, or empty at end of stream. */
    Optional<byte[]> next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            if (position == end) {
                end = in.read(buffer);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return line.size() == 0 ? Optional.empty() : Optional.of(line.toByteArray());
                }
            }
            int start = position;
            while (position < end) {
                byte b = buffer[position++];
                if (b == '\n' || line.size() + (position - start) >= limit) {
                    line.write(buffer, start, position - start);
                    return Optional.of(line.toByteArray());
                }
            }
            line.write(buffer, start, position - start);
        }
    }
}
