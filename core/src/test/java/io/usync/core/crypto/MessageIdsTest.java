package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.ShareLocator;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
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
