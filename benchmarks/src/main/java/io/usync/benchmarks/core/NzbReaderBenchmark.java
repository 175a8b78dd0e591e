package io.usync.benchmarks.core;

import io.usync.core.nzb.NzbFile;
import io.usync.core.nzb.NzbReader;
import io.usync.core.nzb.NzbReaderOptions;
import io.usync.core.nzb.NzbSegment;
import io.usync.core.nzb.NzbStream;
import io.usync.core.nzb.NzbWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Streaming parse of an NZB with 100,000 segments (1,000 files of 100), about 70 GB of data described. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class NzbReaderBenchmark {

    private byte[] nzb;
    private final NzbReader reader = new NzbReader(NzbReaderOptions.defaults());

    /** Writes the NZB once. */
    @Setup
    public void setup() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NzbWriter w = new NzbWriter(out)) {
            w.writeHead(List.of());
            for (int f = 0; f < 1000; f++) {
                List<NzbSegment> segments = new ArrayList<>();
                for (int s = 1; s <= 100; s++) {
                    segments.add(new NzbSegment(s, 716800, "abcdefghijklmnopqrstuvwxyz" + f + "x" + s + "@news.example"));
                }
                w.writeFile(new NzbFile("poster <p@example.com>", 1_700_000_000L,
                        "[" + f + "/1000] - \"file" + f + ".bin\" yEnc (1/100) 71680000", List.of("alt.binaries.test"), segments));
            }
        }
        nzb = out.toByteArray();
    }

    /** Reads every file and counts its segments. */
    @Benchmark
    public long readAll() {
        long segments = 0;
        try (NzbStream stream = reader.open(new ByteArrayInputStream(nzb))) {
            for (Optional<NzbFile> f = stream.nextFile(); f.isPresent(); f = stream.nextFile()) {
                segments += f.get().segments().size();
            }
        }
        return segments;
    }
}
