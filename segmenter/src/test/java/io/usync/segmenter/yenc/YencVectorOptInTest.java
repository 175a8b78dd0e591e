package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vector API block step is on exactly when asked for with the module present (the second
 * surefire run), and off in a default JVM, where no Vector API class is loaded.
 */
class YencVectorOptInTest {

    @Test
    void vectorBlocksAreUsedOnlyWhenTheFlagAndTheModuleAreBothThere() {
        boolean asked = Boolean.getBoolean(BlockDecoder.VECTOR_PROPERTY);
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(YencDecoder.vectorBlocks()).isEqualTo(asked && module);
        if (!module) {
            assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();
        }
    }
}
