package io.usync.core.crypto;

import io.usync.core.KdfParametersException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Argon2id parameters for a password-protected share: salt, memory (KiB), iterations and lanes.
 * The caps are checked on construction, so parameters read from a hostile share id or manifest
 * header are refused before anything is allocated or computed.
 */
public final class KdfParameters {

    /** Salt length in bytes. */
    public static final int SALT_LENGTH = 16;
    /** Bytes of the encoded form: salt, memory (4), iterations (1), parallelism (1). */
    public static final int ENCODED_LENGTH = SALT_LENGTH + 6;
    /** Largest memory accepted: 1 GiB in KiB. */
    public static final int MAX_MEMORY_KIB = 1024 * 1024;
    /** Largest iteration count accepted. */
    public static final int MAX_ITERATIONS = 10;
    /** Largest parallelism (lanes) accepted. */
    public static final int MAX_PARALLELISM = 8;
    /** Default memory: 64 MiB in KiB. */
    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    /** Default iteration count. */
    public static final int DEFAULT_ITERATIONS = 3;
    /** Default parallelism. */
    public static final int DEFAULT_PARALLELISM = 1;

    private final byte[] salt;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    private KdfParameters(byte[] salt, int memoryKib, int iterations, int parallelism) {
        this.salt = salt;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** Builds validated parameters; throws {@link KdfParametersException} above the caps or below Argon2's minimums. */
    public static KdfParameters of(byte[] salt, int memoryKib, int iterations, int parallelism) {
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new KdfParametersException("password KDF salt must be " + SALT_LENGTH + " bytes");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new KdfParametersException("password KDF parallelism " + parallelism + " is outside 1.."
                    + MAX_PARALLELISM + "; the share id is damaged or hostile");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new KdfParametersException("password KDF iterations " + iterations + " is outside 1.."
                    + MAX_ITERATIONS + "; the share id is damaged or hostile");
        }
        long min = 8L * parallelism;
        if (memoryKib < min || memoryKib > MAX_MEMORY_KIB) {
            throw new KdfParametersException("password KDF memory " + Integer.toUnsignedString(memoryKib)
                    + " KiB is outside " + min + ".." + MAX_MEMORY_KIB + " KiB; the share id is damaged or hostile");
        }
        return new KdfParameters(salt.clone(), memoryKib, iterations, parallelism);
    }

    /** Default parameters (64 MiB, 3 iterations, 1 lane) with a fresh random salt. */
    public static KdfParameters defaults(SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return of(salt, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /** Writes the {@link #ENCODED_LENGTH}-byte encoding. */
    public void write(ByteBuffer out) {
        out.put(salt).putInt(memoryKib).put((byte) iterations).put((byte) parallelism);
    }

    /** Reads the encoding and checks the caps before returning. */
    public static KdfParameters read(ByteBuffer in) {
        try {
            byte[] s = new byte[SALT_LENGTH];
            in.get(s);
            int memory = in.getInt();
            int iterations = in.get() & 0xff;
            int parallelism = in.get() & 0xff;
            return of(s, memory, iterations, parallelism);
        } catch (BufferUnderflowException e) {
            throw new KdfParametersException("password KDF parameters are truncated");
        }
    }

    /** A copy of the salt. */
    public byte[] salt() {
        return salt.clone();
    }

    /** Memory cost in KiB. */
    public int memoryKib() {
        return memoryKib;
    }

    /** Iteration (time) cost. */
    public int iterations() {
        return iterations;
    }

    /** Lanes. */
    public int parallelism() {
        return parallelism;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KdfParameters p && Arrays.equals(salt, p.salt) && memoryKib == p.memoryKib
                && iterations == p.iterations && parallelism == p.parallelism;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt) * 31 + memoryKib * 7 + iterations * 3 + parallelism;
    }

    @Override
    public String toString() {
        return "Argon2id[m=" + memoryKib + "KiB, t=" + iterations + ", p=" + parallelism + "]";
    }
}
