package io.usync.it.upload;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.BodyHandler;
import io.usync.nntp.FetchResult;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.Verdict;
import io.usync.segmenter.yenc.ReferenceYencDecoder;
import io.usync.segmenter.yenc.YencExpectation;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads articles back from a server for assertions: yEnc payloads through BODY, raw headers through
 * HEAD, and whole articles as the server stores them through ARTICLE (RFC 3977 section 6.2.1).
 */
final class InnArticles {

    private InnArticles() {
    }

    /** The decoded yEnc payload of {@code messageId}, fetched through the cluster. */
    static byte[] payload(NntpCluster cluster, String messageId) {
        FetchResult<byte[]> result = cluster.body(messageId, server -> new BodyHandler<byte[]>() {
            private final ByteArrayOutputStream body = new ByteArrayOutputStream();

            @Override
            public void onContent(ByteBuf chunk) {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.getBytes(chunk.readerIndex(), bytes);
                body.writeBytes(bytes);
            }

            @Override
            public Verdict<byte[]> onComplete() {
                return Verdict.good(new ReferenceYencDecoder().decode(body.toByteArray(), YencExpectation.none()).data());
            }
        }).join();
        if (result instanceof FetchResult.Fetched<byte[]> fetched) {
            return fetched.value();
        }
        throw new AssertionError("could not fetch " + messageId + ": " + result);
    }

    /** The header block of {@code messageId}, read with HEAD over a plain socket (loopback only). */
    static String head(String host, int port, String messageId) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String greeting = in.readLine();
            if (greeting == null || !greeting.startsWith("20")) {
                throw new IOException("greeting " + greeting);
            }
            out.write(("HEAD " + messageId + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = in.readLine();
            if (status == null || !status.startsWith("221")) {
                throw new IOException("HEAD " + messageId + ": " + status);
            }
            StringBuilder headers = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                headers.append(line).append('\n');
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return headers.toString();
        }
    }

    /** One header field as the server returns it (continuation lines joined with a space). */
    record Header(String name, String value) {
    }

    /** An article as stored: its header fields in order and its body bytes (dot-unstuffed, CRLF kept). */
    record RawArticle(String messageId, List<Header> headers, byte[] body) {

        /** The values of the header {@code name} (case-insensitive). */
        List<String> values(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }
    }

    /** Every article of {@code messageIds} through ARTICLE on one plain connection (loopback only), in order. */
    static Map<String, RawArticle> articles(String host, int port, List<String> messageIds) throws IOException {
        Map<String, RawArticle> articles = new LinkedHashMap<>();
        try (Socket socket = new Socket(host, port)) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            OutputStream out = socket.getOutputStream();
            String greeting = line(in);
            if (!greeting.startsWith("20")) {
                throw new IOException("greeting " + greeting);
            }
            for (String messageId : messageIds) {
                out.write(("ARTICLE " + messageId + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = line(in);
                if (!status.startsWith("220")) {
                    throw new IOException("ARTICLE " + messageId + ": " + status);
                }
                articles.put(messageId, readArticle(messageId, in));
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return articles;
    }

    private static RawArticle readArticle(String messageId, InputStream in) throws IOException {
        List<Header> headers = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean inHeaders = true;
        while (true) {
            byte[] line = rawLine(in);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                break;
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            if (!inHeaders) {
                body.write(line, from, line.length - from);
                continue;
            }
            String text = new String(line, StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                inHeaders = false;
            } else if ((text.startsWith(" ") || text.startsWith("\t")) && !headers.isEmpty()) {
                Header last = headers.removeLast();
                headers.add(new Header(last.name(), last.value() + " " + text.strip()));
            } else {
                int colon = text.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("not a header line in " + messageId + ": " + text);
                }
                headers.add(new Header(text.substring(0, colon), text.substring(colon + 1).strip()));
            }
        }
        return new RawArticle(messageId, List.copyOf(headers), body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        return new String(rawLine(in), StandardCharsets.UTF_8).stripTrailing();
    }

    /** One line including its CRLF; fails at the end of the stream. */
    private static byte[] rawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
    }
}
