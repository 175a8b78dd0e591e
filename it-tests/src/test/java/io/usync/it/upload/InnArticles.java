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
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Reads articles back from a server for assertions: yEnc payloads through BODY, raw headers through HEAD. */
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
}
