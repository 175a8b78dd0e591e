package io.usync.segmenter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NativePlatform} accepts exactly Linux on x86-64, whatever the case of the JVM's property values. */
class NativePlatformTest {

    @Test
    void acceptsLinuxOnBothNamesOfX8664() {
        assertThat(NativePlatform.isLinuxX8664("Linux", "amd64")).isTrue();
        assertThat(NativePlatform.isLinuxX8664("linux", "X86_64")).isTrue();
    }

    @Test
    void rejectsOtherSystemsAndArchitectures() {
        assertThat(NativePlatform.isLinuxX8664("Linux", "aarch64")).isFalse();
        assertThat(NativePlatform.isLinuxX8664("Linux", "x86")).isFalse();
        assertThat(NativePlatform.isLinuxX8664("Mac OS X", "x86_64")).isFalse();
        assertThat(NativePlatform.isLinuxX8664("Windows 11", "amd64")).isFalse();
        assertThat(NativePlatform.isLinuxX8664("LinuxLike", "amd64")).isFalse();
        assertThat(NativePlatform.isLinuxX8664("", "")).isFalse();
    }

    @Test
    void thisJvmsAnswerMatchesItsProperties() {
        assertThat(NativePlatform.isLinuxX8664()).isEqualTo(NativePlatform.isLinuxX8664(
                System.getProperty("os.name"), System.getProperty("os.arch")));
        assertThat(NativePlatform.current()).contains("/");
    }
}
