package io.usync.segmenter.yenc;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/** Byte-at-a-time yEnc 1.3 encoder written straight from the rules: the oracle for tests and the benchmark baseline. */
public final class ReferenceYencEncoder {

    private final int lineLength;

    /** Creates a reference encoder with the given line length. */
    public ReferenceYencEncoder(YencEncoderOptions options) {
        this.lineLength = options.lineLength();
    }

    /** Encodes {@code data} (the part's bytes) as a whole article body. */
    public byte[] encode(YencPart part, byte[] data) {
        if (data.length != part.length()) {
            throw new IllegalArgumentException("data has " + data.length + " bytes, part says " + part.length());
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2 + 512);
        out.writeBytes(YencHeaderLines.head(part, lineLength));
        int col = 0;
        for (int i = 0; i < data.length; i++) {
            int c = (data[i] + 42) & 0xFF;
            boolean first = col == 0;
            boolean last = col >= lineLength - 1 || i == data.length - 1;
            boolean escape = c == 0 || c == '\n' || c == '\r' || c == '='
                    || ((c == '\t' || c == ' ') && (first || last))
                    || (c == '.' && first);
            if (escape) {
                out.write('=');
                out.write((c + 64) & 0xFF);
                col += 2;
            } else {
                out.write(c);
                col++;
            }
            if (col >= lineLength) {
                out.write('\r');
                out.write('\n');
                col = 0;
            }
        }
        if (col > 0) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(YencHeaderLines.tail(part, (int) crc.getValue()));
        return out.toByteArray();
    }
}
