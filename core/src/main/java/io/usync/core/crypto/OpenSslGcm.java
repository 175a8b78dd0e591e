package io.usync.core.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * AES-256-GCM through the system's OpenSSL ({@code libcrypto.so.3}, the EVP interface, found with
 * the JDK's foreign function interface; nothing is linked at build time). The JDK's AES-GCM is fast
 * only in C2-compiled code (its intrinsics), while OpenSSL's runs on the CPU's AES and carry-less
 * multiply instructions in any JIT mode, so a share download need not compile with C2 at all.
 * Used by {@link AesGcm} when {@link #available()}; {@code -Dusync.crypto.openssl=false} turns it off.
 *
 * <p>One instance holds one key and two OpenSSL contexts (seal, open), freed when it becomes
 * unreachable; like {@link AesGcm}, it is not thread-safe. Buffers may be heap or direct (critical
 * downcalls take heap memory in place); a message is opened in one pass, in place when the
 * buffers overlap exactly.
 */
final class OpenSslGcm {

    /** The system property that turns OpenSSL off ({@code false}); tests compare both paths. */
    static final String PROPERTY = "usync.crypto.openssl";

    private static final int EVP_CTRL_GCM_GET_TAG = 0x10;
    private static final int EVP_CTRL_GCM_SET_TAG = 0x11;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Api API = Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) ? Api.load().orElse(null) : null;

    private final MemorySegment sealContext;
    private final MemorySegment openContext;
    /** Scratch for OpenSSL's out-length arguments and the tag (an int array, so the lengths read aligned). */
    private final MemorySegment scratch;

    /** Whether libcrypto loaded with every function used here. */
    static boolean available() {
        return API != null;
    }

    /**
     * Loads libcrypto and runs one seal and open under a throwaway key, which links the downcalls;
     * returns {@link #available()}.
     */
    static boolean warmUp() {
        if (API == null) {
            return false;
        }
        OpenSslGcm gcm = new OpenSslGcm(new byte[32]);
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        ByteBuffer sealed = ByteBuffer.allocate(AesGcm.TAG_LENGTH);
        gcm.seal(nonce, nonce, ByteBuffer.allocate(0), sealed);
        return gcm.open(nonce, nonce, sealed.flip(), ByteBuffer.allocate(0)) == 0;
    }

    /** A sealer and opener under the 32-byte {@code key}; needs {@link #available()}. */
    OpenSslGcm(byte[] key) {
        if (API == null) {
            throw new IllegalStateException("OpenSSL's libcrypto is unavailable");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        // Heap memory throughout (the downcalls are critical): OpenSSL copies the key, nonce and tag
        // it is given and keeps no pointer past a call.
        MemorySegment keySegment = MemorySegment.ofArray(key);
        MemorySegment seal = API.newContext(true, keySegment);
        MemorySegment open;
        try {
            open = API.newContext(false, keySegment);
        } catch (RuntimeException | Error e) {
            API.free(seal);
            throw e;
        }
        sealContext = seal;
        openContext = open;
        scratch = MemorySegment.ofArray(new int[AesGcm.TAG_LENGTH / Integer.BYTES]);
        CLEANER.register(this, () -> {
            API.free(seal);
            API.free(open);
        });
    }

    /**
     * Seals {@code plain} (its remaining bytes) into {@code out} after {@code nonce}, as
     * {@code ciphertext | tag}, advancing both buffers; returns the bytes written. The buffers may
     * be the same bytes, not bytes shifted against each other.
     */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plain, ByteBuffer out) {
        int length = plain.remaining();
        MemorySegment in = MemorySegment.ofBuffer(plain);
        MemorySegment target = MemorySegment.ofBuffer(out);
        checkOverlap(in, target);
        API.init(sealContext, true, MemorySegment.ofArray(nonce));
        API.update(sealContext, MemorySegment.NULL, MemorySegment.ofArray(aad), aad.length, scratch);
        API.update(sealContext, target, in, length, scratch);
        API.finish(sealContext, true, target.asSlice(length), scratch);
        API.control(sealContext, EVP_CTRL_GCM_GET_TAG, AesGcm.TAG_LENGTH, scratch);
        MemorySegment.copy(scratch, 0, target, length, AesGcm.TAG_LENGTH);
        plain.position(plain.limit());
        out.position(out.position() + length + AesGcm.TAG_LENGTH);
        return length + AesGcm.TAG_LENGTH;
    }

    /**
     * Opens {@code sealed} ({@code ciphertext | tag}, its remaining bytes) into {@code out}; returns
     * the plaintext length, or -1 when it does not authenticate, in which case the bytes written
     * to {@code out} are zeroed and neither buffer's position moves. In place only on the same bytes,
     * as for {@link #seal}.
     */
    int open(byte[] nonce, byte[] aad, ByteBuffer sealed, ByteBuffer out) {
        int length = sealed.remaining() - AesGcm.TAG_LENGTH;
        MemorySegment in = MemorySegment.ofBuffer(sealed);
        MemorySegment target = MemorySegment.ofBuffer(out).asSlice(0, length);
        checkOverlap(in, target);
        API.init(openContext, false, MemorySegment.ofArray(nonce));
        API.update(openContext, MemorySegment.NULL, MemorySegment.ofArray(aad), aad.length, scratch);
        API.update(openContext, target, in, length, scratch);
        MemorySegment.copy(in, length, scratch, 0, AesGcm.TAG_LENGTH);
        API.control(openContext, EVP_CTRL_GCM_SET_TAG, AesGcm.TAG_LENGTH, scratch);
        if (!API.finish(openContext, false, target, scratch)) {
            target.fill((byte) 0);
            return -1;
        }
        sealed.position(sealed.limit());
        out.position(out.position() + length);
        return length;
    }

    /** OpenSSL works in place only on exactly the same bytes, never on buffers shifted against each other. */
    private static void checkOverlap(MemorySegment in, MemorySegment out) {
        if (in.asOverlappingSlice(out).isPresent() && in.address() != out.address()) { // heap: offsets in one array
            throw new IllegalArgumentException("input and output overlap but start at different bytes");
        }
    }

    /** The libcrypto functions, bound once. */
    private record Api(MethodHandle newContext, MethodHandle freeContext, MethodHandle cipher,
            MethodHandle cipherInit, MethodHandle cipherUpdate, MethodHandle cipherFinal, MethodHandle control) {

        static Optional<Api> load() {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
                Linker linker = Linker.nativeLinker();
                ValueLayout a = ValueLayout.ADDRESS;
                ValueLayout i = ValueLayout.JAVA_INT;
                Linker.Option critical = Linker.Option.critical(true);
                return Optional.of(new Api(
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_new"), FunctionDescriptor.of(a)),
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_free"), FunctionDescriptor.ofVoid(a)),
                        linker.downcallHandle(lib.findOrThrow("EVP_aes_256_gcm"), FunctionDescriptor.of(a)),
                        // int EVP_CipherInit_ex(ctx, cipher, engine, key, iv, enc)
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherInit_ex"),
                                FunctionDescriptor.of(i, a, a, a, a, a, i), critical),
                        // int EVP_CipherUpdate(ctx, out, int *outl, in, int inl)
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherUpdate"),
                                FunctionDescriptor.of(i, a, a, a, a, i), critical),
                        // int EVP_CipherFinal_ex(ctx, out, int *outl)
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherFinal_ex"), FunctionDescriptor.of(i, a, a, a),
                                critical),
                        // int EVP_CIPHER_CTX_ctrl(ctx, int type, int arg, void *ptr)
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_ctrl"), FunctionDescriptor.of(i, a, i, i, a),
                                critical)));
            } catch (IllegalArgumentException | IllegalCallerException | java.util.NoSuchElementException e) {
                return Optional.empty(); // no libcrypto.so.3, a symbol missing, or native access denied
            }
        }

        MemorySegment newContext(boolean encrypt, MemorySegment key) {
            MemorySegment context = native_("EVP_CIPHER_CTX_new", () -> (MemorySegment) newContext.invokeExact());
            if (context.address() == 0) {
                throw new IllegalStateException("OpenSSL could not allocate a cipher context");
            }
            MemorySegment aes = native_("EVP_aes_256_gcm", () -> (MemorySegment) cipher.invokeExact());
            check("EVP_CipherInit_ex", () -> (int) cipherInit.invokeExact(context, aes, MemorySegment.NULL, key,
                    MemorySegment.NULL, encrypt ? 1 : 0));
            return context;
        }

        void free(MemorySegment context) {
            native_("EVP_CIPHER_CTX_free", () -> {
                freeContext.invokeExact(context);
                return null;
            });
        }

        /** Starts a message under the context's key with a 12-byte nonce (OpenSSL's default IV length). */
        void init(MemorySegment context, boolean encrypt, MemorySegment nonce) {
            check("EVP_CipherInit_ex", () -> (int) cipherInit.invokeExact(context, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.NULL, nonce, encrypt ? 1 : 0));
        }

        /** Feeds {@code length} bytes (associated data when {@code out} is NULL). */
        void update(MemorySegment context, MemorySegment out, MemorySegment in, int length,
                MemorySegment outLength) {
            check("EVP_CipherUpdate", () -> (int) cipherUpdate.invokeExact(context, out, outLength, in, length));
            if (out.address() != 0 && outLength.get(ValueLayout.JAVA_INT, 0) != length) {
                throw new IllegalStateException("OpenSSL AES-GCM wrote " + outLength.get(ValueLayout.JAVA_INT, 0)
                        + " of " + length + " bytes");
            }
        }

        /** Ends a message; false when an opened one does not authenticate. */
        boolean finish(MemorySegment context, boolean encrypt, MemorySegment out, MemorySegment outLength) {
            int ok = native_("EVP_CipherFinal_ex", () -> (int) cipherFinal.invokeExact(context, out, outLength));
            if (encrypt && ok <= 0) {
                throw new IllegalStateException("OpenSSL's EVP_CipherFinal_ex failed");
            }
            return ok > 0;
        }

        void control(MemorySegment context, int type, int arg, MemorySegment pointer) {
            check("EVP_CIPHER_CTX_ctrl", () -> (int) control.invokeExact(context, type, arg, pointer));
        }

        /** Calls {@code function}, which returns 1 on success. */
        private static void check(String function, NativeCall<Integer> call) {
            if (native_(function, call) <= 0) {
                throw new IllegalStateException("OpenSSL's " + function + " failed");
            }
        }

        private static <T> T native_(String function, NativeCall<T> call) {
            try {
                return call.run();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("OpenSSL's " + function + " failed", e);
            }
        }
    }

    /** A downcall ({@code MethodHandle.invokeExact} declares Throwable). */
    @FunctionalInterface
    private interface NativeCall<T> {
        T run() throws Throwable;
    }
}
