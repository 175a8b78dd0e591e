package io.usync.segmenter.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HugePageSlabTest {

    private static HugePageSlab slab(long bytes) {
        Optional<HugePageSlab> slab = HugePageSlab.reserve(bytes);
        assumeTrue(slab.isPresent(), "no transparent huge pages on request here");
        return slab.get();
    }

    @Test
    void handsOutDistinctWorkingBuffersFromAHugePageBoundaryUntilItIsUsedUp() {
        HugePageSlab slab = slab(3 << 20);
        assertThat(slab.address() % HugePageSlab.HUGE_PAGE).isZero();
        assertThat(slab.capacity()).isEqualTo(4L << 20);

        List<ByteBuffer> taken = new ArrayList<>();
        for (Optional<ByteBuffer> next = slab.take(700_001); next.isPresent(); next = slab.take(700_001)) {
            taken.add(next.get());
        }
        assertThat(taken).hasSize((int) ((4L << 20) / 700_032));
        long previousEnd = slab.address();
        for (int i = 0; i < taken.size(); i++) {
            ByteBuffer b = taken.get(i);
            assertThat(b.isDirect()).isTrue();
            assertThat(b.capacity()).isEqualTo(700_001);
            long address = MemorySegment.ofBuffer(b).address();
            assertThat(address).isGreaterThanOrEqualTo(previousEnd);
            assertThat(address % 64).isZero();
            previousEnd = address + b.capacity();
            b.put(0, (byte) i).put(b.capacity() - 1, (byte) ~i);
        }
        for (int i = 0; i < taken.size(); i++) {
            assertThat(taken.get(i).get(0)).isEqualTo((byte) i);
            assertThat(taken.get(i).get(700_000)).isEqualTo((byte) ~i);
        }
        assertThat(slab.take(64)).as("a small request still fits").isPresent();
        assertThat(slab.take(1 << 20)).isEmpty();
    }

    @Test
    void theKernelMayBackTheSlabWithHugePages() throws IOException {
        HugePageSlab slab = slab(4 << 20);
        String start = HexFormat.of().toHexDigits(slab.address()).replaceFirst("^0+", "");
        List<String> smaps = Files.readAllLines(Path.of("/proc/self/smaps"));
        int at = -1;
        for (int i = 0; i < smaps.size() && at < 0; i++) {
            String[] range = smaps.get(i).split(" ", 2)[0].split("-");
            if (range.length == 2 && range[0].matches("[0-9a-f]+")) {
                long from = Long.parseUnsignedLong(range[0], 16);
                long to = Long.parseUnsignedLong(range[1], 16);
                if (from <= slab.address() && slab.address() < to) {
                    at = i;
                }
            }
        }
        assertThat(at).as("the mapping holding %s", start).isNotNegative();
        List<String> entry = new ArrayList<>();
        for (int i = at + 1; i < smaps.size() && !smaps.get(i).matches("^[0-9a-f]+-.*"); i++) {
            entry.add(smaps.get(i));
        }
        assertThat(entry).anyMatch(line -> line.matches("THPeligible:\\s+1"));
        assertThat(entry).anyMatch(line -> line.startsWith("VmFlags:") && line.contains(" hg"));
    }

    @Test
    void decodeBuffersTakeNewMemoryFromTheSlabThenFromTheJdk() {
        HugePageSlab slab = slab(1 << 20);
        ArticleBuffers buffers = new ArticleBuffers(ByteBufAllocator.DEFAULT, 4L << 20, Optional.of(slab));
        List<ByteBuf> live = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            live.add(buffers.directBuffer(700_000, 700_000));
        }
        long end = slab.address() + slab.capacity();
        long inSlab = live.stream().map(ByteBuf::memoryAddress)
                .filter(a -> a >= slab.address() && a < end).count();
        assertThat(inSlab).as("2 MiB hold two 704 KiB classes").isEqualTo(2);
        live.forEach(b -> b.writeBytes(new byte[] {1, 2, 3}));
        List<Long> addresses = live.stream().map(ByteBuf::memoryAddress).toList();
        live.forEach(ByteBuf::release);
        ByteBuf again = buffers.directBuffer(700_000, 700_000);
        assertThat(addresses).contains(again.memoryAddress());
        again.release();
    }
}
