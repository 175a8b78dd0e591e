package io.usync.segmenter.read;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Creates the SHA-256 digests the readers use: libusync-yenc's where the library loaded and the CPU
 * has the SHA extensions, as fast in C1-compiled code as in C2 code; else the JDK's (every JDK has
 * one; its absence is a broken runtime), whose SHA-NI intrinsic only C2 code gets.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest (not thread-safe): native when {@link #nativeShaExtensions()}, else the JDK's. */
    public static MessageDigest newDigest() {
        if (NativeSha256.shaExtensions()) {
            return new NativeSha256(true);
        }
        return jdkDigest();
    }

    /** Whether {@link #newDigest()} returns libusync-yenc's SHA-256 (on the CPU's SHA extensions). */
    public static boolean nativeShaExtensions() {
        return NativeSha256.shaExtensions();
    }

    /** The JDK's SHA-256. */
    static MessageDigest jdkDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
