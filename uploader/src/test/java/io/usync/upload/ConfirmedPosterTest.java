package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.usync.core.MessageId;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConfirmedPosterTest {

    private final FakeTransport transport = new FakeTransport();
    private final PostingContext context = new PostingContext(new HashMap<>(), new RecordingJournal(), 7,
            UploadListener.NONE);
    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO);

    private static ConfirmedPoster.Item item(String local) {
        MessageId id = new MessageId("<" + local + "@news.invalid>");
        return new ConfirmedPoster.Item(id, () -> new EncodedArticle(id, Unpooled.copiedBuffer(
                "Message-ID: " + id.withBrackets() + "\r\n\r\nbody\r\n", StandardCharsets.US_ASCII), 0));
    }

    @Test
    void waitsForAServerWhoseCircuitIsOpenInsteadOfUsingUpTheRounds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        transport.fault = id -> calls.incrementAndGet() <= options.maxPostRounds() + 1
                ? Optional.of(new NntpUnavailableException("circuit open")) : Optional.empty();
        boolean confirmed = new ConfirmedPoster(transport, options, context).postAndConfirm(List.of(item("page0")));
        assertThat(confirmed).as("%s", context.problems()).isTrue();
        assertThat(transport.stored).containsKey("<page0@news.invalid>");
    }

    @Test
    void aLoginRefusalStopsThePublicationAtOnce() {
        transport.fault = id -> Optional.of(new NntpAuthException("fake rejected the login of user u (481 no)"));
        assertThatThrownBy(() -> new ConfirmedPoster(transport, options, context)
                .postAndConfirm(List.of(item("page0"), item("page1"))))
                .isInstanceOf(UploadException.ServerRefused.class);
        assertThat(transport.totalPosts()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void pagesFoundRightAfterPostingDoNotWaitForTheCheckDelay() throws Exception {
        boolean confirmed = new ConfirmedPoster(transport, options.withPostCheckDelay(Duration.ofHours(1)), context)
                .postAndConfirm(List.of(item("page0"), item("page1")));
        assertThat(confirmed).isTrue();
        assertThat(transport.totalPosts()).isEqualTo(2);
    }

    @Test
    void aPageMissingAfterTheDelayIsPostedAgain() throws Exception {
        transport.dropOnce.add("<page1@news.invalid>");
        boolean confirmed = new ConfirmedPoster(transport, options, context)
                .postAndConfirm(List.of(item("page0"), item("page1")));
        assertThat(confirmed).isTrue();
        assertThat(transport.postsOf("<page1@news.invalid>")).isEqualTo(2);
        assertThat(transport.postsOf("<page0@news.invalid>")).isEqualTo(1);
    }
}
