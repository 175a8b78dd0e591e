package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexOptionsTest {

    @Test
    void neverPrintsThePassword() {
        IndexOptions options = IndexOptions.defaults().withJdbcUrl("jdbc:postgresql://db/usync", "u", "s3cret-pw");
        assertThat(options.toString()).doesNotContain("s3cret-pw").contains("***");
    }

    @Test
    void defaultsUseTheEmbeddedServer() {
        assertThat(IndexOptions.defaults().jdbcUrl()).isEmpty();
        assertThat(IndexOptions.defaults().copyBatchRows()).isPositive();
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> IndexOptions.defaults().withPoolSize(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexOptions.defaults().withCopyBatch(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexOptions.defaults().withJdbcUrl("jdbc:mysql://x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastMarkPerMessageIdWinsAndOrderIsKept() {
        var a1 = ArticleMark.now("<a@x>", ArticleState.POSTED, "s");
        var b = ArticleMark.now("<b@x>", ArticleState.POSTED, "s");
        var a2 = ArticleMark.now("<a@x>", ArticleState.VERIFIED, "s");
        assertThat(ArticleMarks.lastPerMessageId(java.util.List.of(a1, b, a2))).containsExactly(b, a2);
    }
}
