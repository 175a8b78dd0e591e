package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.Base32;
import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private final ShareKeys keys = ShareKeys.derive(RootKey.of(new byte[32]));
    private final MessageIds ids = MessageIds.forShare(keys, "news.example");

    @Test
    void segmentIdIsStableAndWellFormed() {
        MessageId id = ids.segment(1, BlobKind.FILE, 7, 3, 0);
        assertThat(id).isEqualTo(MessageIds.forShare(keys, "news.example").segment(1, BlobKind.FILE, 7, 3, 0));
        assertThat(id.withBrackets()).matches("<[a-z2-7]{32}@news\\.example>");
        assertThat(id.withBrackets().length()).isLessThan(250);
    }

    @Test
    void everyCoordinateChangesTheId() {
        Set<MessageId> seen = new HashSet<>();
        seen.add(ids.segment(1, BlobKind.FILE, 0, 0, 0));
        seen.add(ids.segment(2, BlobKind.FILE, 0, 0, 0));
        seen.add(ids.segment(1, BlobKind.PACK, 0, 0, 0));
        seen.add(ids.segment(1, BlobKind.FILE, 1, 0, 0));
        seen.add(ids.segment(1, BlobKind.FILE, 0, 1, 0));
        seen.add(ids.segment(1, BlobKind.FILE, 0, 0, 1));
        seen.add(ids.manifestPage(1, 0));
        seen.add(ids.manifestPage(1, 1));
        seen.add(ids.manifestPage(2, 0));
        assertThat(seen).hasSize(9);
    }

    @Test
    void differentSharesGetUnrelatedIds() {
        MessageIds other = MessageIds.forShare(ShareKeys.derive(RootKey.generate()), "news.example");
        assertThat(other.segment(1, BlobKind.FILE, 0, 0, 0)).isNotEqualTo(ids.segment(1, BlobKind.FILE, 0, 0, 0));
    }

    @Test
    void manifestHeaderIdNeedsOnlyTheLocator() {
        ShareLocator locator = ShareLocator.random(new SecureRandom());
        MessageId v1 = MessageIds.manifestHeader(locator, 1, "news.example");
        assertThat(MessageIds.manifestHeader(ShareLocator.of(locator.bytes()), 1, "news.example")).isEqualTo(v1);
        assertThat(MessageIds.manifestHeader(locator, 2, "news.example")).isNotEqualTo(v1);
        assertThat(v1).isNotEqualTo(ids.manifestPage(1, 0));
        assertThat(v1.withBrackets()).matches("<[a-z2-7]{32}@news\\.example>");
    }

    /**
     * The ids shares already posted carry: the header id and a segment id computed independently
     * with the JDK's HKDF and HMAC (the docs/share-format.md recipe) must match.
     */
    @Test
    void idsMatchTheRecipeComputedWithTheJdksHkdfAndHmac() throws Exception {
        ShareLocator locator = ShareLocator.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        byte[] headerKey = KDF.getInstance("HKDF-SHA256").deriveData(HKDFParameterSpec.ofExtract()
                .addIKM(locator.bytes()).addSalt("usync/v1/manifest-header-id".getBytes(StandardCharsets.US_ASCII))
                .thenExpand("usync/v1/header-id".getBytes(StandardCharsets.US_ASCII), 32));
        assertThat(MessageIds.manifestHeader(locator, 3, "news.example"))
                .isEqualTo(jdkId(headerKey, new byte[] {3, 0, 0, 0, 3}));
        byte[] segment = ByteBuffer.allocate(18).put((byte) 1).putInt(2).put((byte) BlobKind.PACK.ordinal())
                .putInt(7).putInt(9).putInt(1).array();
        assertThat(ids.segment(2, BlobKind.PACK, 7, 9, 1)).isEqualTo(jdkId(keys.messageId().getEncoded(), segment));
    }

    private static MessageId jdkId(byte[] key, byte[] parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return new MessageId("<" + Base32.encode(mac.doFinal(parts)).substring(0, 32) + "@news.example>");
    }

    @Test
    void refusesDomainsThatCouldBreakTheId() {
        for (String bad : new String[] {"", "a b", "a>b", "x@y", "UPPER.example", ".lead", "trail.", "a".repeat(65)}) {
            assertThatThrownBy(() -> MessageIds.forShare(keys, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesNegativeCoordinates() {
        assertThatThrownBy(() -> ids.segment(0, BlobKind.FILE, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.segment(1, BlobKind.FILE, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.manifestPage(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
