package io.usync.nntp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.NntpTransport;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IoResourcesTest {

    @Test
    void givesEachNewConnectionTheLoopCarryingTheFewestEvenWhenTimersUseTheGroup() {
        try (IoResources io = IoResources.create(NntpTransport.NIO, 3)) {
            // Timers scheduled through group.next() advance Netty's own round robin; they must not skew this.
            for (int i = 0; i < 5; i++) {
                io.group().next().schedule(() -> { }, 1, TimeUnit.MILLISECONDS);
            }
            Set<Integer> first = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                first.add(io.reserveLoop());
            }
            assertThat(first).containsExactlyInAnyOrder(0, 1, 2);
            io.releaseLoop(1);
            assertThat(io.reserveLoop()).isEqualTo(1);
            assertThat(io.loop(2)).isNotSameAs(io.loop(0));
        }
    }
}
