package io.usync.nntp;

import java.util.Objects;

/** A body handler's judgement: a good value, or a reason the body is bad. */
public sealed interface Verdict<T> {

    /** A good body and its value. */
    record Good<T>(T value) implements Verdict<T> {
        /** Validates the value. */
        public Good {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A bad body (CRC mismatch, truncated, not yEnc) and why. */
    record Bad<T>(String reason) implements Verdict<T> {
        /** Validates the reason. */
        public Bad {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A good verdict. */
    static <T> Verdict<T> good(T value) {
        return new Good<>(value);
    }

    /** A bad verdict. */
    static <T> Verdict<T> bad(String reason) {
        return new Bad<>(reason);
    }
}
