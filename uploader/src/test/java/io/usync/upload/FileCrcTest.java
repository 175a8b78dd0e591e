package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileCrcTest {

    private static int crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void givesTheCrcOfEveryByteBeforeTheLastPartWhateverOrderThePartsArriveIn(long seed) throws Exception {
        System.out.println("FileCrcTest seed " + seed);
        Random random = new Random(seed);
        int parts = 1 + random.nextInt(40);
        int partSize = 1 + random.nextInt(3000);
        int lastSize = 1 + random.nextInt(partSize);
        byte[] bytes = new byte[partSize * (parts - 1) + lastSize];
        random.nextBytes(bytes);
        FileCrc fileCrc = new FileCrc(parts);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts - 1; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i : order) {
            fileCrc.part(i, crc(bytes, i * partSize, (i + 1) * partSize), partSize);
        }
        assertThat(fileCrc.before(parts - 1)).isEqualTo(crc(bytes, 0, partSize * (parts - 1)));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void theLastPartWaitsForAPartStillBeingEncodedElsewhere() throws Exception {
        byte[] bytes = new byte[300];
        new Random(7).nextBytes(bytes);
        FileCrc fileCrc = new FileCrc(3);
        fileCrc.part(1, crc(bytes, 100, 200), 100);
        CompletableFuture<Integer> before = waitForBefore(fileCrc, 2);
        Thread.sleep(50);
        assertThat(before).isNotDone();
        fileCrc.part(0, crc(bytes, 0, 100), 100);
        assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo(crc(bytes, 0, 200));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aWaitingLastPartFailsWhenAnEarlierPartIsAbandoned() throws Exception {
        FileCrc fileCrc = new FileCrc(3);
        CompletableFuture<Integer> before = waitForBefore(fileCrc, 2);
        Thread.sleep(50);
        fileCrc.abandon();
        assertThatThrownBy(() -> before.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("abandoned");
    }

    @Test
    void aSinglePartFileNeedsNothingBeforeIt() throws Exception {
        assertThat(new FileCrc(1).before(0)).isZero();
    }

    /** {@code fileCrc.before(index)} on another thread. */
    private static CompletableFuture<Integer> waitForBefore(FileCrc fileCrc, int index) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fileCrc.before(index);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
