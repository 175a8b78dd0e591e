package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(Duration.ofMillis(ms).toNanos());
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(50).toMillis()).isBetween(50L, 63L);
        assertThat(h.percentile(99).toMillis()).isBetween(99L, 125L);
        assertThat(h.percentile(100).toMillis()).isBetween(100L, 125L);
    }

    @Test
    void isZeroWhenEmpty() {
        assertThat(new LatencyHistogram().percentile(99)).isEqualTo(Duration.ZERO);
    }
}
