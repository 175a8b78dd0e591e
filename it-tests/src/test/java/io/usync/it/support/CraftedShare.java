package io.usync.it.support;

import com.github.luben.zstd.Zstd;
import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.manifest.ManifestHeader;
import io.usync.core.manifest.ManifestLimits;
import io.usync.download.CraftedNames;
import io.usync.segmenter.yenc.ReferenceYencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A public share built by hand, as docs/share-format.md lays it out, whose manifest may list names
 * the uploader never writes ({@code ../x}, {@code /abs}, control characters, in files and in
 * folders), put in by {@link CraftedNames}, since {@link Manifest} itself refuses such names. Posted to a news server
 * on loopback with plain POST (RFC 3977 section 6.3.1), so the real downloader can be pointed at it.
 */
public final class CraftedShare {

    private static final int SEGMENT = 64 * 1024;

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> folders = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /** Adds a file named {@code path} (any text, hostile included) holding {@code content} (at most 64 KiB). */
    public CraftedShare file(String path, byte[] content) {
        if (content.length > SEGMENT) {
            throw new IllegalArgumentException("crafted files hold one segment");
        }
        files.put(path, content.clone());
        return this;
    }

    /** Adds a folder entry named {@code path} (any text, hostile included). */
    public CraftedShare folder(String path) {
        folders.add(path);
        return this;
    }

    /** Posts every article to the server at {@code host:port} in {@code group} and returns the share id text. */
    public String publish(String host, int port, String group) throws IOException {
        ShareLocator locator = ShareLocator.random(random);
        RootKey root = RootKey.generate(random);
        ShareKeys keys = ShareKeys.derive(root);
        MessageIds ids = MessageIds.forShare(keys, MessageIds.DEFAULT_DOMAIN);
        Map<MessageId, byte[]> articles = new LinkedHashMap<>();
        CraftedNames names = new CraftedNames();
        List<ManifestBlob> blobs = new ArrayList<>();
        List<ManifestFile> entries = new ArrayList<>();
        SegmentSealer sealer = new SegmentSealer(keys, random);
        for (var file : files.entrySet()) {
            byte[] content = file.getValue();
            String standIn = names.standIn(file.getKey());
            if (content.length == 0) {
                entries.add(new ManifestFile(standIn, 0, 1_700_000_000_000L, sha256(content), FileLocation.EMPTY));
                continue;
            }
            int index = blobs.size();
            ByteBuffer plain = ByteBuffer.allocate(1 + content.length).put((byte) 0).put(content).flip();
            ByteBuffer sealed = ByteBuffer.allocate(SegmentSealer.sealedSize(plain.remaining()));
            sealer.seal(new SegmentAad(locator, BlobKind.FILE, index, 0, true), plain, sealed);
            articles.put(ids.segment(1, BlobKind.FILE, index, 0, 0), Arrays.copyOf(sealed.array(), sealed.position()));
            blobs.add(new ManifestBlob(BlobKind.FILE, index, 1, content.length, SEGMENT, 1));
            entries.add(new ManifestFile(standIn, content.length, 1_700_000_000_000L, sha256(content),
                    new FileLocation.Whole(index)));
        }
        List<String> folderStandIns = new ArrayList<>();
        for (String folder : folders) {
            folderStandIns.add(names.standIn(folder));
        }
        byte[] encoded = names.apply(new ManifestCodec(ManifestLimits.defaults())
                .encode(new Manifest("crafted", 1, SEGMENT + 29, folderStandIns, blobs, entries, List.of())));
        byte[] body = Zstd.compress(encoded, 3);
        AesGcm gcm = new AesGcm(keys.manifest(), random);
        articles.put(ids.manifestPage(1, 0), gcm.seal(body, ManifestAad.page(locator, 1, 0, true)));
        ManifestDescriptor descriptor = new ManifestDescriptor(locator, 1, 0, 1, body.length, sha256(body),
                System.currentTimeMillis());
        byte[] sealedDescriptor = gcm.seal(descriptor.encode(), ManifestAad.descriptor(locator, 1));
        articles.put(MessageIds.manifestHeader(locator, 1, MessageIds.DEFAULT_DOMAIN),
                new ManifestHeader(ShareKind.PUBLIC, 1, List.of(), sealedDescriptor).encode());
        post(host, port, group, articles);
        return new ShareId.Public(locator, root).asText();
    }

    private void post(String host, int port, String group, Map<MessageId, byte[]> articles) throws IOException {
        ReferenceYencEncoder yenc = new ReferenceYencEncoder(new YencEncoderOptions(128));
        try (Socket socket = new Socket(host, port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in.readLine(), "20", "greeting");
            for (var article : articles.entrySet()) {
                String id = article.getKey().withBrackets();
                byte[] data = article.getValue();
                String name = HexFormat.of().formatHex(random.generateSeed(8));
                out.write("POST\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in.readLine(), "340", "POST " + id);
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                message.writeBytes(("From: " + name + " <" + name + "@example.invalid>\r\nNewsgroups: " + group
                        + "\r\nSubject: " + HexFormat.of().formatHex(random.generateSeed(12)) + "\r\nMessage-ID: " + id
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                message.writeBytes(dotStuffed(yenc.encode(YencPart.of(name, 1, 1, data.length, 0, data.length), data)));
                message.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(message.toByteArray());
                out.flush();
                expect(in.readLine(), "240", "article " + id);
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** {@code body} with a dot before every line that starts with one, ending in CRLF. */
    private static byte[] dotStuffed(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        boolean lineStart = true;
        for (byte b : body) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static void expect(String reply, String code, String what) throws IOException {
        if (reply == null || !reply.startsWith(code)) {
            throw new IOException(what + ": expected " + code + ", the server said " + reply);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
