package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decode step this JVM can run (native, Vector API, SWAR) gives the same bytes and result:
 * against {@link ReferenceYencDecoder} on valid articles, and against the SWAR path fed in one piece
 * on adversarial ones (critical bytes at every line position, truncated input, too little room),
 * whatever the chunking and whether chunks and destination are heap or direct buffers.
 */
class YencDecoderKernelsTest {

    private static final byte[] CRITICAL = {'=', '=', '\r', '\n', '\n', '.', 'y', 0, (byte) 0xFF, ' ', '\t', 'a', 'z', '}'};
    private static final byte[] PAIRED = {'=', '\r', '\n', '.', 'y', 0, ' ', 'a'};

    static Stream<String> kernels() {
        return BlockDecoder.available().keySet().stream();
    }

    static Stream<Arguments> kernelsAndSeeds() {
        return kernels().flatMap(kernel -> LongStream.range(0, 40).map(i -> 1_000_003L * i + 17)
                .mapToObj(seed -> Arguments.of(kernel, seed)));
    }

    private static Optional<BlockDecoder> step(String kernel) {
        return BlockDecoder.available().get(kernel);
    }

    /** What one decoding gave: the result and the bytes before the destination's new position. */
    private record Decoding(YencResult result, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Decoding d && d.result.equals(result) && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return result.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return result + " " + data.length + " bytes " + Arrays.toString(Arrays.copyOf(data, Math.min(data.length, 64)));
        }
    }

    private static Decoding decode(String kernel, byte[] article, int capacity, boolean unstuff, boolean heap,
                                   int... splits) {
        ByteBuffer dest = heap ? ByteBuffer.allocate(capacity + 3).position(3) : ByteBuffer.allocateDirect(capacity);
        YencDecoder decoder = new YencDecoder(new YencDecoderOptions(2048, unstuff), YencExpectation.none(), dest,
                step(kernel));
        int from = 0;
        int piece = 0;
        for (int split : splits) {
            decoder.feed(chunk(article, from, split, heap ^ (piece++ % 2 == 0)));
            from = split;
        }
        decoder.feed(chunk(article, from, article.length, heap));
        YencResult result = decoder.finish();
        int end = dest.position();
        byte[] data = new byte[end - (heap ? 3 : 0)];
        dest.position(heap ? 3 : 0);
        dest.get(data);
        return new Decoding(result, data);
    }

    /** A heap or direct chunk; every other one of each kind is read-only (as a network buffer may be). */
    private static ByteBuffer chunk(byte[] article, int from, int to, boolean heap) {
        ByteBuffer chunk = heap ? ByteBuffer.wrap(article, from, to - from).slice()
                : ByteBuffer.allocateDirect(to - from).put(article, from, to - from).flip();
        return (from & 1) == 0 ? chunk.asReadOnlyBuffer() : chunk;
    }

    private static int[] randomSplits(Random random, int length) {
        return random.ints(random.nextInt(8), 0, length + 1).sorted().toArray();
    }

    @Test
    void theNativeKernelIsThereWhenCiSaysSoOrTheSkipSaysWhy() {
        Optional<String> reason = NativeYenc.unavailableReason();
        boolean turnedOff = "false".equalsIgnoreCase(System.getProperty(NativeYenc.PROPERTY));
        if ("true".equals(System.getenv("CI")) && !turnedOff) {
            assertThat(reason).as("CI must run the native yEnc kernel").isEmpty();
            assertThat(NativeBlockDecoder.ifAvailable()).isPresent();
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> "native yEnc kernel not tested: " + reason.orElse(""));
        assertThat(BlockDecoder.available()).containsKey("native");
        assertThat(NativeYenc.function("usync_yenc_cpu_ok", java.lang.foreign.FunctionDescriptor.of(
                java.lang.foreign.ValueLayout.JAVA_INT))).isPresent();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("kernelsAndSeeds")
    void validArticlesDecodeLikeTheReferenceWhateverTheChunking(String kernel, long seed) {
        System.out.println("YencDecoderKernelsTest valid kernel=" + kernel + " seed=" + seed);
        Random random = new Random(seed);
        byte[] data = new byte[random.nextInt(random.nextBoolean() ? 300 : 5000)];
        boolean specialHeavy = random.nextBoolean();
        for (int i = 0; i < data.length; i++) {
            data[i] = specialHeavy && random.nextInt(4) == 0
                    ? YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)]
                    : (byte) random.nextInt(256);
        }
        YencEncoderOptions options = new YencEncoderOptions(16 + random.nextInt(240));
        YencPart part = YencPart.of("k", 1, 1, data.length, 0, data.length);
        byte[] article = new ReferenceYencEncoder(options).encode(part, data);
        ReferenceYencDecoder.Output expected = new ReferenceYencDecoder().decode(article, YencExpectation.none());
        assertThat(expected.data()).isEqualTo(data);
        Decoding got = decode(kernel, article, data.length + random.nextInt(3) * 40, false, random.nextBoolean(),
                randomSplits(random, article.length));
        assertThat(got.data()).isEqualTo(data);
        assertThat(got.result()).isEqualTo(expected.result());
    }

    /** An article whose body is made of the bytes the rules treat specially, in any order. */
    private static byte[] adversarial(Random random, int bodyLength) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < bodyLength) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                body.write(CRITICAL[random.nextInt(CRITICAL.length)]);
            } else if (kind < 5) {
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                int run = random.nextInt(40);
                for (int k = 0; k < run; k++) {
                    body.write(33 + random.nextInt(90));
                }
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes("=ybegin line=128 size=100 name=adv\r\n".getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body.toByteArray());
        if (random.nextBoolean()) {
            all.writeBytes("\r\n=yend size=100\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return all.toByteArray();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("kernelsAndSeeds")
    void adversarialArticlesDecodeLikeTheSwarPathInOnePiece(String kernel, long seed) {
        System.out.println("YencDecoderKernelsTest adversarial kernel=" + kernel + " seed=" + seed);
        Random random = new Random(seed);
        byte[] article = adversarial(random, random.nextInt(random.nextBoolean() ? 200 : 3000));
        boolean unstuff = random.nextBoolean();
        int capacity = random.nextInt(4) == 0 ? random.nextInt(article.length + 1) : article.length;
        Decoding expected = decode("swar", article, capacity, unstuff, true);
        for (int round = 0; round < 6; round++) {
            int[] splits = randomSplits(random, article.length);
            assertThat(decode(kernel, article, capacity, unstuff, random.nextBoolean(), splits))
                    .as("capacity %d unstuff %s splits %s", capacity, unstuff, Arrays.toString(splits))
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void everySplitPointAndEveryTruncationDecodeLikeTheSwarPath(String kernel) {
        Random random = new Random(4242);
        System.out.println("YencDecoderKernelsTest splits kernel=" + kernel + " seed=4242");
        for (int sample = 0; sample < 6; sample++) {
            byte[] article = adversarial(random, 150 + random.nextInt(100));
            boolean unstuff = sample % 2 == 1;
            Decoding whole = decode("swar", article, article.length, unstuff, true);
            for (int split = 0; split <= article.length; split++) {
                assertThat(decode(kernel, article, article.length, unstuff, split % 2 == 0, split))
                        .as("sample %d split %d", sample, split).isEqualTo(whole);
                byte[] cut = Arrays.copyOf(article, split);
                assertThat(decode(kernel, cut, article.length, unstuff, split % 2 == 1))
                        .as("sample %d cut at %d", sample, split).isEqualTo(decode("swar", cut, article.length, unstuff, true));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void everyCriticalBytePairAtEveryLinePositionDecodesLikeTheSwarPath(String kernel) {
        // Two critical bytes at every other column of three lines, whose starts fall at different
        // offsets of the kernel's 32- and 64-byte blocks.
        for (int lineLength = 30; lineLength <= 33; lineLength++) {
            for (byte first : PAIRED) {
                for (byte second : PAIRED) {
                    for (int column = 0; column < lineLength; column += 2) {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        all.writeBytes("=ybegin line=128 size=1 name=p\r\n".getBytes(StandardCharsets.US_ASCII));
                        for (int line = 0; line < 3; line++) {
                            for (int k = 0; k < lineLength; k++) {
                                all.write(k == column ? first : k == column + 1 ? second : 'A' + k % 26);
                            }
                            all.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        all.writeBytes("=yend size=1\r\n".getBytes(StandardCharsets.US_ASCII));
                        byte[] article = all.toByteArray();
                        for (boolean unstuff : new boolean[] {false, true}) {
                            assertThat(decode(kernel, article, article.length, unstuff, column % 2 == 0, 33 + column))
                                    .as("line %d bytes %d %d at %d unstuff %s", lineLength, first, second, column, unstuff)
                                    .isEqualTo(decode("swar", article, article.length, unstuff, true));
                        }
                    }
                }
            }
        }
    }
}
