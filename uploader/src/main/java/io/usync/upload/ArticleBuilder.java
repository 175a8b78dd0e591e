package io.usync.upload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.nntp.codec.NntpRequestEncoder;
import io.usync.segmenter.yenc.YencEncoded;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencPart;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds one article into a pooled buffer: the header block (From, Newsgroups, Subject,
 * Message-ID, a current Date), a blank line, then the yEnc body encoded straight into the same
 * buffer; CRLF line ends, no terminating dot line (the NNTP client adds it). No line of an
 * article starts with a dot (header values are single lines; the yEnc encoder escapes a dot in
 * the first column), so articles are marked {@link NntpRequestEncoder#dotSafe dot-safe}: the NNTP
 * client sends them without searching them for dots to stuff. Thread-safe.
 */
final class ArticleBuilder {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int HEADER_SLACK = 128;

    private final YencEncoder encoder;
    private final ByteBufAllocator allocator;
    private final Clock clock;
    private volatile DateLine date = new DateLine(Long.MIN_VALUE, "");

    /** Creates a builder encoding with {@code encoder} into buffers from {@code allocator}. */
    ArticleBuilder(YencEncoder encoder, ByteBufAllocator allocator, Clock clock) {
        this.encoder = encoder;
        this.allocator = allocator;
        this.clock = clock;
    }

    /** The article for {@code data} (exactly the part's bytes) with {@code headers}; the caller owns the buffer. */
    BuiltArticle build(ArticleHeaders headers, YencPart part, ByteBuffer data) {
        byte[] head = headerBlock(headers);
        long max = head.length + encoder.maxEncodedSize(part);
        // Of an exact size (the worst case), so that ArticleBuffers can hand it out again.
        int capacity = (int) Math.min(Integer.MAX_VALUE, max + HEADER_SLACK);
        ByteBuf out = allocator.directBuffer(capacity, capacity);
        try {
            out.writeBytes(head);
            YencEncoded encoded = encoder.encode(part, data.duplicate(), out);
            return new BuiltArticle(NntpRequestEncoder.dotSafe(out), encoded.partCrc32());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private byte[] headerBlock(ArticleHeaders h) {
        String block = "From: " + h.from() + "\r\n"
                + "Newsgroups: " + h.newsgroups() + "\r\n"
                + "Subject: " + h.subject() + "\r\n"
                + "Message-ID: " + h.messageId().withBrackets() + "\r\n"
                + "Date: " + date() + "\r\n"
                + "\r\n";
        return block.getBytes(StandardCharsets.UTF_8);
    }

    /** The Date header value of the current second, formatted once per second rather than per article. */
    private String date() {
        Instant now = clock.instant();
        DateLine current = date;
        if (current.epochSecond() != now.getEpochSecond()) {
            current = new DateLine(now.getEpochSecond(), DATE.format(now));
            date = current;
        }
        return current.text();
    }

    /** A formatted Date value and the second it stands for. */
    private record DateLine(long epochSecond, String text) {
    }

    /** A built article and the CRC-32 of its part's data. */
    record BuiltArticle(ByteBuf article, int partCrc32) {
    }
}
