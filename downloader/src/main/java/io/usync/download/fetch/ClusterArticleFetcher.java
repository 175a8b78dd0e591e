package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import io.usync.core.MessageId;
import io.usync.nntp.BodyHandler;
import io.usync.nntp.FetchResult;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.Verdict;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Fetches articles with {@link NntpCluster#body}, which moves a missing or bad copy to the next server. */
public final class ClusterArticleFetcher implements ArticleFetcher {

    private final NntpCluster cluster;

    /** Creates a fetcher over the cluster's read servers. */
    public ClusterArticleFetcher(NntpCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<FetchOutcome> fetch(MessageId id, Supplier<ArticleDecoder> decoders) {
        return cluster.<DecodedSegment>body(id.withBrackets(), server -> new Handler(decoders.get()))
                .thenApply(result -> switch (result) {
                    case FetchResult.Fetched<DecodedSegment> f -> new FetchOutcome.Fetched(f.server(), f.value());
                    case FetchResult.Missing<DecodedSegment> m -> new FetchOutcome.Unavailable(m.serversTried(), List.of());
                    case FetchResult.Corrupt<DecodedSegment> c ->
                            new FetchOutcome.Unavailable(c.serversTried(), c.reasons());
                });
    }

    @Override
    public void openAhead() {
        cluster.openAhead(NntpServerOptions.Role.READ);
    }

    /** Adapts one decoder to one attempt's body stream. */
    private static final class Handler implements BodyHandler<DecodedSegment> {
        private final ArticleDecoder decoder;

        Handler(ArticleDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void onContent(ByteBuf chunk) {
            decoder.onContent(chunk);
        }

        @Override
        public Verdict<DecodedSegment> onComplete() {
            return switch (decoder.onComplete()) {
                case DecodeVerdict.Good g -> Verdict.good(g.segment());
                case DecodeVerdict.Bad b -> Verdict.bad(b.reason());
            };
        }

        @Override
        public void onAbort(Throwable cause) {
            decoder.abandon();
        }
    }
}
