package io.usync.benchmarks.segmenter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.usync.core.SourceFile;
import io.usync.segmenter.pack.PackLayout;
import io.usync.segmenter.pack.PackOptions;
import io.usync.segmenter.pack.PackPlan;
import io.usync.segmenter.pack.SmallFilePacker;
import io.usync.segmenter.read.BlobReader;
import io.usync.segmenter.read.MappedSegmentReader;
import io.usync.segmenter.read.PackSegmentReader;
import io.usync.segmenter.read.ReadStep;
import io.usync.segmenter.read.ReaderOptions;
import io.usync.segmenter.read.SegmentBufferPool;
import io.usync.segmenter.read.SegmentSlice;
import io.usync.segmenter.scan.DirectoryScanner;
import io.usync.segmenter.scan.FileList;
import io.usync.segmenter.scan.ScanOptions;
import io.usync.segmenter.scan.ScanResult;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of {@code bench/segmenter-e2e.sh}: scan a folder, pack small files, read every blob
 * (mmap or pack buffers) hashing it, and yEnc-encode every segment on {@code threads} encoder
 * threads with a bounded number in flight; prints files/s and MB/s for each of {@code rounds} rounds.
 * Usage: {@code SegmenterEndToEnd <dir> <threads> <rounds> [hashQueue]}; {@code -Dusync.yenc.native=false} on the
 * java command line measures the Java encoder instead of the native one.
 */
public final class SegmenterEndToEnd {

    private SegmenterEndToEnd() {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Runs the pipeline over the folder {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ReaderOptions defaults = ReaderOptions.defaults();
        ReaderOptions readerOptions = args.length > 3
                ? new ReaderOptions(defaults.articleSize(), defaults.windowBytes(), defaults.pooledBuffers(), Integer.parseInt(args[3]))
                : defaults;
        YencEncoder encoder = new YencEncoder(YencEncoderOptions.defaults());
        System.out.println("yEnc encoder: " + (encoder.nativeKernel() ? "native (libusync-yenc)" : "Java (SWAR)"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // One output buffer per encoder thread, reused: a pooled buffer per part freed right after
        // made Netty drop and re-create (and zero) a 4 MiB chunk for nearly every part, about a
        // fifth of the whole run's CPU, which is not the pipeline's (the uploader keeps many alive).
        int maxArticle = (int) encoder.maxEncodedSize(YencPart.of("blob", 1, 1, readerOptions.articleSize(), 0,
                readerOptions.articleSize())) + 64;
        ThreadLocal<ByteBuf> outputs = ThreadLocal.withInitial(() -> PooledByteBufAllocator.DEFAULT.directBuffer(maxArticle));
        SegmentBufferPool buffers = new SegmentBufferPool(readerOptions.articleSize(), readerOptions.pooledBuffers());
        try {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                ScanResult scan = new DirectoryScanner(ScanOptions.defaults()).scan(root);
                FileList files = scan.files();
                PackPlan plan = SmallFilePacker.pack(files, PackOptions.defaults());
                Semaphore inFlight = new Semaphore(4 * threads);
                AtomicLong encoded = new AtomicLong();
                AtomicLong encodeCpu = new AtomicLong();
                long readerCpuStart = THREADS.getCurrentThreadCpuTime();
                long raw = 0;
                List<BlobReader> readers = new ArrayList<>();
                for (int index : plan.standaloneFiles()) {
                    readers.add(new MappedSegmentReader(root, files.get(index), index, readerOptions));
                }
                for (PackLayout pack : plan.packs()) {
                    readers.add(new PackSegmentReader(root, pack, files, readerOptions, buffers));
                }
                for (BlobReader reader : readers) {
                    try (reader) {
                        ReadStep step;
                        while ((step = reader.next()) instanceof ReadStep.Next(SegmentSlice slice)) {
                            raw += slice.segment().range().length();
                            inFlight.acquire();
                            pool.execute(() -> {
                                long taskCpu = THREADS.getCurrentThreadCpuTime();
                                try (slice) {
                                    var s = slice.segment();
                                    YencPart part = YencPart.of("blob" + s.blobIndex(), s.index() + 1, s.count(),
                                            (long) s.count() * readerOptions.articleSize(), s.range().offset(), s.range().length());
                                    ByteBuf out = outputs.get().clear();
                                    encoded.addAndGet(encoder.encode(part, slice.data(), out).encodedBytes());
                                } finally {
                                    encodeCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - taskCpu);
                                    inFlight.release();
                                }
                            });
                        }
                        if (step instanceof ReadStep.Changed changed) {
                            throw new IllegalStateException(changed.path() + " " + changed.reason());
                        }
                    }
                }
                long readerCpu = THREADS.getCurrentThreadCpuTime() - readerCpuStart;
                inFlight.acquire(4 * threads);
                inFlight.release(4 * threads);
                long nanos = System.nanoTime() - start;
                long cpu = processCpuNanos() - cpuStart;
                // "per 2 CPU-s": what two dedicated cores give if the CPU time spent were spread over both.
                System.out.printf("round %d: %d files (%d packs, %d standalone), %.1f MB raw -> %.1f MB yEnc in %.3f s"
                                + " wall, %.3f CPU-s: %.0f MB/s, %.0f files/s wall; %.0f MB/s, %.0f files/s per 2 CPU-s%n",
                        round, files.size(), plan.packs().size(), plan.standaloneFiles().size(), raw / 1e6,
                        encoded.get() / 1e6, nanos / 1e9, cpu / 1e9, raw / 1e3 / (nanos / 1e6), files.size() / (nanos / 1e9),
                        raw / 1e3 / (cpu / 2e6), files.size() / (cpu / 2e9));
                // Where the CPU went: the reading thread (scan, map, copy out; SHA-256 of packs and of
                // one-segment files) and the encoder threads (yEnc with its CRC-32); the rest is the
                // file readers' SHA-256 threads, the JIT, GC and the kernel's page faults.
                System.out.printf("  cpu: reader (scan+read) %.3f s = %.2f ns/B, encoders %.3f s = %.2f ns/B, other (SHA-256 threads, JIT, GC) %.3f s%n",
                        readerCpu / 1e9, (double) readerCpu / raw, encodeCpu.get() / 1e9, (double) encodeCpu.get() / raw,
                        (cpu - readerCpu - encodeCpu.get()) / 1e9);
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
