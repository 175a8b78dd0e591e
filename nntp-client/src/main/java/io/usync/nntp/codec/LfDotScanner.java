package io.usync.nntp.codec;

/**
 * The search the reply parser runs over every byte of a multi-line reply: the index of the first
 * LF in {@code [from, to - 1)} of native memory at {@code address} whose next byte is a dot, or
 * -1, reading only {@code [from, to)}. {@link DotLines#SWAR} is the Java one; a caller may supply
 * a native one through {@link NntpCodecOptions#withLfDotScanner}.
 */
@FunctionalInterface
public interface LfDotScanner {

    /** The index of the first LF followed by a dot in {@code [from, to - 1)}, or -1. */
    int indexOfLfDot(long address, int from, int to);
}
