package io.usync.segmenter.yenc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class YencHeaderLinesTest {

    @Test
    void beginSizeReadsTheSizeOfABeginLineAndItsOwnHead() {
        assertThat(YencHeaderLines.beginSize("=ybegin part=1 line=128 size=123456789 name=b size=9.bin"))
                .contains(123456789L);
        byte[] head = YencHeaderLines.head(new YencPart("x.bin", 2, 3, 1_000_000, 716_800, 283_200, OptionalInt.empty()), 128);
        String first = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(YencHeaderLines.beginSize(first)).contains(1_000_000L);
    }

    @Test
    void beginSizeIsEmptyForOtherLinesAndMissingOrMalformedSizes() {
        assertThat(YencHeaderLines.beginSize("=ypart begin=1 end=10")).isEmpty();
        assertThat(YencHeaderLines.beginSize("hello size=5")).isEmpty();
        assertThat(YencHeaderLines.beginSize("=ybegin line=128 name=a")).isEmpty();
        assertThat(YencHeaderLines.beginSize("=ybegin line=1 size= name=a")).isEmpty();
        assertThat(YencHeaderLines.beginSize("=ybegin line=1 size=-5 name=a")).isEmpty();
    }
}
