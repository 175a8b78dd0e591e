package io.usync.upload;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.PostResult;
import io.usync.nntp.StatResult;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The production transport: the NNTP cluster (posts spread over post servers, STAT through check servers). */
public final class ClusterTransport implements ArticleTransport {

    private final NntpCluster cluster;

    /** Wraps {@code cluster} (not closed by this class). */
    public ClusterTransport(NntpCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<PostResult> post(String messageId, ByteBuf article) {
        return cluster.post(messageId, article);
    }

    @Override
    public CompletableFuture<StatResult> stat(String messageId, Optional<String> avoidServer) {
        return cluster.stat(messageId, avoidServer);
    }

    @Override
    public void openAhead() {
        cluster.openAhead(NntpServerOptions.Role.POST);
    }
}
