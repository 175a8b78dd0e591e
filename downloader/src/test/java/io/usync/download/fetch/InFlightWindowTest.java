package io.usync.download.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void aFullWindowLetsThePlannerOnOnlyOnceABatchHasSettled() throws Exception {
        InFlightWindow window = new InFlightWindow(8, 1024, 4);
        for (int i = 0; i < 8; i++) {
            window.take(1);
        }
        Thread planner = takeInBackground(window, 1);
        awaitParked(planner);
        for (int i = 0; i < 3; i++) {
            window.give(1);
        }
        assertThat(planner.isAlive()).as("three of a batch of four settled").isTrue();
        window.give(1);
        planner.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(planner.isAlive()).isFalse();
    }

    @Test
    void theBufferBudgetBoundsArticlesAsWellAsTheirCount() throws Exception {
        InFlightWindow window = new InFlightWindow(100, 10, 1);
        assertThat(window.kibOf(1)).isEqualTo(1);
        assertThat(window.kibOf(1 << 30)).as("never more than the budget").isEqualTo(10);
        window.take(6);
        Thread planner = takeInBackground(window, 6);
        awaitParked(planner);
        window.give(6);
        planner.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(planner.isAlive()).isFalse();
    }

    /** Seeded: many writers give back at random; the bounds always hold and the window drains. */
    @Test
    void boundsHoldUnderConcurrentSettlingAndTheWindowDrains() throws Exception {
        long seed = System.nanoTime();
        System.out.println("InFlightWindowTest seed " + seed);
        Random random = new Random(seed);
        InFlightWindow window = new InFlightWindow(16, 64, 2);
        AtomicInteger articles = new AtomicInteger();
        AtomicLong kib = new AtomicLong();
        AtomicInteger worst = new AtomicInteger();
        AtomicLong worstKib = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 5_000; i++) {
                long k = 1 + random.nextInt(8);
                window.take(k);
                worst.accumulateAndGet(articles.incrementAndGet(), Math::max);
                worstKib.accumulateAndGet(kib.addAndGet(k), Math::max);
                writers.execute(() -> {
                    articles.decrementAndGet();
                    kib.addAndGet(-k);
                    window.give(k);
                });
            }
            window.awaitEmpty();
            assertThat(articles.get()).isZero();
        } finally {
            writers.shutdownNow();
        }
        assertThat(worst.get()).isLessThanOrEqualTo(16);
        assertThat(worstKib.get()).isLessThanOrEqualTo(64);
    }

    @Test
    void refusesARefillLargerThanTheWindow() {
        assertThatThrownBy(() -> new InFlightWindow(4, 10, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A planner thread taking room for one article of {@code kib} (it may wait). */
    private static Thread takeInBackground(InFlightWindow window, long kib) {
        return Thread.ofPlatform().start(() -> {
            try {
                window.take(kib);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING) {
            assertThat(t.isAlive()).as("still waiting for room").isTrue();
            Thread.sleep(1);
        }
    }
}
