package io.usync.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShareVerifierTest {

    @Test
    void reportsAvailabilityPerServerAndArticlesMissingEverywhere() throws InterruptedException {
        ShareFixture fixture = new ShareFixture(21);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles).server("b", fixture.articles)) {
            servers.articles("a").remove(fixture.segmentIds.get(0));
            servers.articles("a").remove(fixture.segmentIds.get(1));
            servers.articles("b").remove(fixture.segmentIds.get(1));
            Map<String, ArticleChecker> checkers = new LinkedHashMap<>();
            for (String name : new String[] {"a", "b"}) {
                checkers.put(name, mid -> CompletableFuture.completedFuture(
                        servers.articles(name).containsKey(mid.withBrackets())));
            }
            VerifyReport report = new ShareVerifier(DownloadOptions.defaults(), servers, checkers).verify(
                    new DownloadRequest.Share(id, ShareCredentials.none(), OptionalInt.empty()), DownloadListener.NONE);
            assertThat(report.articles()).isEqualTo(fixture.articles.size());
            assertThat(report.servers()).extracting(VerifyReport.ServerAvailability::missing).containsExactly(2L, 1L);
            assertThat(report.missingEverywhere()).isEqualTo(1);
        }
    }
}
