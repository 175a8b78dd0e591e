package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoder fed a file mapping directly: right bytes, and a truncated file is an error, not a dead JVM. */
class YencMappedInputTest {

    @Test
    void encodesAMappedFileLikeAnArrayAndFailsCleanlyWhenItIsTruncatedUnderneath(@TempDir Path dir) throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(9).nextBytes(data);
        Path file = dir.resolve("m.bin");
        Files.write(file, data);
        YencEncoder encoder = new YencEncoder(YencEncoderOptions.defaults());
        YencPart part = YencPart.of("m.bin", 1, 1, data.length, 0, data.length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena)
                    .asByteBuffer().asReadOnlyBuffer();
            ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
            YencEncoded encoded = encoder.encode(part, mapped.duplicate(), out);
            assertThat(encoded.partCrc32()).isEqualTo(YencGoldenTest.crcOf(data));
            channel.truncate(100);
            // The JDK's CRC-32 intrinsic would die of SIGBUS on the pages past the end; the encoder
            // reads a mapping through guarded copies instead, which raise InternalError.
            assertThatThrownBy(() -> encoder.encode(part, mapped.duplicate(), out.clear()))
                    .isInstanceOf(InternalError.class);
        }
    }
}
