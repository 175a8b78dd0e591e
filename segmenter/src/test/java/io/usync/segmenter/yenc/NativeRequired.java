package io.usync.segmenter.yenc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The rule of libusync-yenc's tests: skipped with the loader's reason where it is absent, failed under {@code CI=true}. */
public final class NativeRequired {

    private NativeRequired() {
    }

    /** Skips (or under {@code CI=true} fails) the calling tests unless {@code available}; {@code what} names the code, {@code missingSymbol} its function. */
    public static void check(boolean available, String what, String missingSymbol) {
        if (available) {
            return;
        }
        String reason = NativeLibrary.unavailableReason().orElse("no " + missingSymbol + " symbol");
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " unavailable under CI=true: " + reason);
        }
        assumeTrue(false, what + " unavailable, tests skipped: " + reason);
    }
}
