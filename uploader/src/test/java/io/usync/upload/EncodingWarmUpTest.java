package io.usync.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingWarmUpTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void buildsThrowawayArticlesOfTheModeWithinItsBound(boolean plain) {
        int built = new EncodingWarmUp(UploadOptions.defaults(), plain).warm();

        assertTrue(built >= 2 && built <= EncodingWarmUp.MAX_ARTICLES, "built " + built);
    }

    @Test
    void buildsNothingOnceInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(0, new EncodingWarmUp(UploadOptions.defaults(), false).warm());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    @Test
    void runsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = new EncodingWarmUp(UploadOptions.defaults(), false).start();

        assertTrue(thread.isDaemon());
        thread.join(60_000);
        assertFalse(thread.isAlive());
    }
}
