package io.usync.download.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnlyFilterTest {

    @Test
    void aGlobWithoutSlashMatchesFileNamesAndOneWithSlashMatchesPaths() {
        OnlyFilter filter = OnlyFilter.of(List.of("*.txt", "photos/**"));
        assertThat(filter.selects("a/b/readme.txt")).isTrue();
        assertThat(filter.selects("photos/2020/x.jpg")).isTrue();
        assertThat(filter.selects("videos/x.jpg")).isFalse();
        assertThat(OnlyFilter.of(List.of()).selects("anything")).isTrue();
    }
}
