package io.usync.segmenter.pack;

import io.usync.core.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SmallFilePackerTest {

    private static SourceFile f(String path, long size) {
        return new SourceFile(path, size, 0);
    }

    @Test
    void packsSmallFilesKeepsLargeOnesStandaloneAndEmptyOnesBlobless() {
        List<SourceFile> files = List.of(f("a/1", 10), f("a/2", 0), f("a/big", 1000), f("b/3", 20));
        PackPlan plan = SmallFilePacker.pack(files, new PackOptions(100, 1000, 10));
        assertThat(plan.standaloneFiles()).containsExactly(2);
        assertThat(plan.emptyFiles()).containsExactly(1);
        assertThat(plan.packs()).hasSize(1);
        PackLayout pack = plan.packs().get(0);
        assertThat(pack.members()).containsExactly(new PackMember(0, "a/1", 0, 10), new PackMember(3, "b/3", 10, 20));
        assertThat(pack.dataBytes()).isEqualTo(30);
        assertThat(pack.blobBytes()).isEqualTo(30 + PackTable.encodedSize(pack.members()) + PackTable.TRAILER_BYTES);
    }

    @Test
    void startsANewPackRatherThanSplittingAFolderThatFitsWhole() {
        List<SourceFile> files = List.of(f("a/1", 60), f("b/1", 30), f("b/2", 30));
        PackPlan plan = SmallFilePacker.pack(files, new PackOptions(100, 100, 10));
        assertThat(plan.packs()).hasSize(2);
        assertThat(plan.packs().get(1).members()).extracting(PackMember::path).containsExactly("b/1", "b/2");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void placesEveryFileExactlyOnceWithinTheBounds(long seed) {
        System.out.println("SmallFilePackerTest seed=" + seed);
        Random random = new Random(seed);
        List<SourceFile> files = new ArrayList<>();
        int folders = 1 + random.nextInt(30);
        for (int d = 0; d < folders; d++) {
            int n = random.nextInt(60);
            for (int k = 0; k < n; k++) {
                files.add(f("d" + d + "/f" + k, random.nextInt(10) == 0 ? 0 : random.nextInt(3000)));
            }
        }
        PackOptions options = new PackOptions(1 + random.nextInt(2000), 2000 + random.nextInt(20_000), 1 + random.nextInt(50));
        PackPlan plan = SmallFilePacker.pack(files, options);
        TreeSet<Integer> seen = new TreeSet<>();
        plan.standaloneFiles().forEach(i -> assertThat(seen.add(i)).isTrue());
        plan.emptyFiles().forEach(i -> assertThat(seen.add(i)).isTrue());
        for (int p = 0; p < plan.packs().size(); p++) {
            PackLayout pack = plan.packs().get(p);
            assertThat(pack.packIndex()).isEqualTo(p);
            assertThat(pack.members().size()).isLessThanOrEqualTo(options.maxMembers());
            assertThat(pack.dataBytes()).isLessThanOrEqualTo(options.maxPackBytes());
            long offset = 0;
            for (PackMember m : pack.members()) {
                assertThat(seen.add(m.fileIndex())).isTrue();
                assertThat(m.offset()).isEqualTo(offset);
                assertThat(m.length()).isEqualTo(files.get(m.fileIndex()).size()).isPositive().isLessThan(options.smallFileThreshold());
                offset += m.length();
            }
            assertThat(offset).isEqualTo(pack.dataBytes());
        }
        assertThat(seen).hasSize(files.size());
    }
}
