package io.usync.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadStateTest {

    @ParameterizedTest
    @ValueSource(strings = {".usync", ".usync/log", ".USYNC/x", ".usync. /x", "a/b.usync-part", "c.USYNC-PART"})
    void namesADownloadsStateAsAnyFileSystemWouldMatchIt(String relative) {
        assertThat(DownloadState.isState(relative)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".usyncrc", "a/.usync/x", "usync", ".usync-part/x", "b.usync-parts", "x.usync"})
    void leavesOtherNamesAlone(String relative) {
        assertThat(DownloadState.isState(relative)).isFalse();
    }
}
