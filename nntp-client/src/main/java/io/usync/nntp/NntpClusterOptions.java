package io.usync.nntp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.usync.nntp.codec.NntpCodecOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by all servers of a cluster.
 *
 * @param attempts          how many times one operation is tried when attempts fail with faults
 * @param ioThreads         Netty event-loop threads (0: one per core)
 * @param transport         which transport to use
 * @param codec             line and chunk bounds
 * @param circuit           circuit-breaker settings per server
 * @param allocator         the channels' buffers; socket reads ask it for buffers of exact sizes
 */
public record NntpClusterOptions(int attempts, int ioThreads, NntpTransport transport, NntpCodecOptions codec,
        Circuit circuit, ByteBufAllocator allocator) {

    /**
     * Circuit-breaker settings (Resilience4j, count-based window).
     *
     * @param failureRatePercent failure rate that opens the circuit
     * @param window             calls in the sliding window (also the minimum before it can open)
     * @param openDuration       how long an open circuit rejects calls before half-opening
     */
    public record Circuit(float failureRatePercent, int window, Duration openDuration) {

        /** Validates the settings. */
        public Circuit {
            if (failureRatePercent <= 0 || failureRatePercent > 100 || window < 1) {
                throw new IllegalArgumentException("circuit needs 0 < failureRate <= 100 and window >= 1");
            }
            Objects.requireNonNull(openDuration, "openDuration");
        }

        /** 50% of 20 calls, open for 30 s. */
        public static Circuit defaults() {
            return new Circuit(50f, 20, Duration.ofSeconds(30));
        }
    }

    /** Validates the settings. */
    public NntpClusterOptions {
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("attempts must be 1..100");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0");
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(allocator, "allocator");
    }

    /** 5 attempts, one I/O thread per core, the best transport, default codec and circuit, Netty's pooled buffers. */
    public static NntpClusterOptions defaults() {
        return new NntpClusterOptions(5, 0, NntpTransport.AUTO, NntpCodecOptions.defaults(), Circuit.defaults(),
                PooledByteBufAllocator.DEFAULT);
    }

    /** A copy with another attempt bound. */
    public NntpClusterOptions withAttempts(int n) {
        return new NntpClusterOptions(n, ioThreads, transport, codec, circuit, allocator);
    }

    /** A copy with another transport and thread count. */
    public NntpClusterOptions withTransport(NntpTransport kind, int threads) {
        return new NntpClusterOptions(attempts, threads, kind, codec, circuit, allocator);
    }

    /** A copy with other codec options. */
    public NntpClusterOptions withCodec(NntpCodecOptions options) {
        return new NntpClusterOptions(attempts, ioThreads, transport, options, circuit, allocator);
    }

    /** A copy with other circuit settings. */
    public NntpClusterOptions withCircuit(Circuit settings) {
        return new NntpClusterOptions(attempts, ioThreads, transport, codec, settings, allocator);
    }

    /** A copy whose channels take their buffers from {@code buffers}. */
    public NntpClusterOptions withAllocator(ByteBufAllocator buffers) {
        return new NntpClusterOptions(attempts, ioThreads, transport, codec, circuit, buffers);
    }
}
