package io.usync.nntp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.usync.nntp.BodyHandler;
import io.usync.nntp.BodyHandlerFactory;
import io.usync.nntp.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Articles and body handlers for tests and benchmarks of the NNTP client. */
public final class TestArticles {

    private TestArticles() {
    }

    /** The header block of a test article (CRLF line ends, ending with the blank line). */
    public static String headers(String messageId, String group) {
        return "From: usync-test <test@usync.test>\r\nNewsgroups: " + group + "\r\nSubject: usync test "
                + messageId + "\r\nMessage-ID: " + messageId + "\r\n\r\n";
    }

    /** A complete article (headers, blank line, body) in a heap buffer. */
    public static ByteBuf article(String messageId, byte[] body) {
        return article(messageId, "alt.binaries.test", body, ByteBufAllocator.DEFAULT);
    }

    /** A complete article in a buffer from {@code alloc}. */
    public static ByteBuf article(String messageId, String group, byte[] body, ByteBufAllocator alloc) {
        byte[] head = headers(messageId, group).getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = alloc.directBuffer(head.length + body.length);
        buf.writeBytes(head).writeBytes(body);
        return buf;
    }

    /**
     * A binary-ish body of about {@code size} bytes: 128-character lines of every byte value except
     * NUL, CR and LF (as yEnc output looks), some lines starting with dots, CRLF line ends.
     */
    public static byte[] binaryBody(int size, long seed) {
        return binaryBody(size, seed, true);
    }

    /** Like {@link #binaryBody(int, long)}; without {@code leadingDots} no line starts with a dot (as usync's yEnc). */
    public static byte[] binaryBody(int size, long seed, boolean leadingDots) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 256);
        while (out.size() < size) {
            int len = Math.min(128, Math.max(1, size - out.size() - 2));
            for (int i = 0; i < len; i++) {
                int b;
                do {
                    b = random.nextInt(256);
                } while (b == 0 || b == '\r' || b == '\n');
                if (i == 0 && leadingDots && random.nextInt(16) == 0) {
                    b = '.';
                } else if (i == 0 && b == '.') {
                    b = '/';
                }
                out.write(b);
            }
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A handler factory collecting the body into a byte array (verdict always good). */
    public static BodyHandlerFactory<byte[]> collectBytes() {
        return server -> new BodyHandler<>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            @Override
            public void onContent(ByteBuf chunk) {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.getBytes(chunk.readerIndex(), bytes);
                out.writeBytes(bytes);
            }

            @Override
            public Verdict<byte[]> onComplete() {
                return Verdict.good(out.toByteArray());
            }
        };
    }

    /** A handler factory that only counts body bytes (for throughput runs). */
    public static BodyHandlerFactory<Long> countBytes() {
        return server -> new BodyHandler<>() {
            private long n;

            @Override
            public void onContent(ByteBuf chunk) {
                n += chunk.readableBytes();
            }

            @Override
            public Verdict<Long> onComplete() {
                return Verdict.good(n);
            }
        };
    }

    /** A direct copy of bytes in a buffer (for comparisons). */
    public static ByteBuf wrap(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }
}
