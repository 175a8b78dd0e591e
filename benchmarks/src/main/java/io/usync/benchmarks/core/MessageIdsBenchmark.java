package io.usync.benchmarks.core;

import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.ShareKeys;
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

/** Cost of deriving one segment Message-ID (HMAC-SHA256 + base32), paid once per article. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class MessageIdsBenchmark {

    private MessageIds ids;
    private int segment;

    /** Derives the share keys. */
    @Setup
    public void setup() {
        ids = MessageIds.forShare(ShareKeys.derive(RootKey.generate()), "news.example");
    }

    /** Derives the id of the next segment. */
    @Benchmark
    public MessageId segmentId() {
        return ids.segment(1, BlobKind.FILE, 7, segment++ & 0xffff, 0);
    }
}
