package io.usync.nntp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NntpRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"<a@b>\r\nQUIT", "<a\n@b>", "<a\u0000@b>", "<a b@c>", "a@b", "<a@b", "<ab>", "<a<x@b>",
        "<@b>", "<a@>"})
    void rejectsMessageIdsThatCouldInjectOrAreMalformed(String id) {
        assertThatThrownBy(() -> NntpRequests.body(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsMessageIdsUpTo250Octets() {
        String id = "<" + "a".repeat(246) + "@b>";
        assertThat(id).hasSize(250);
        assertThat(NntpRequests.stat(id).parameters()).containsExactly(id);
        assertThatThrownBy(() -> NntpRequests.stat("<" + "a".repeat(247) + "@b>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsCommandLinesOver512Octets() {
        assertThatThrownBy(() -> new DefaultNntpRequest(NntpCommand.valueOf("XFOO"), "x".repeat(510)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    @Test
    void rejectsControlCharactersInAnyParameter() {
        assertThatThrownBy(() -> NntpRequests.group("alt.test\r\nPOST")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NntpRequests.authinfoUser("bob\u0000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hidesThePasswordFromToString() {
        NntpRequest pass = NntpRequests.authinfoPass("s3cret");
        assertThat(pass.toString()).doesNotContain("s3cret").contains("****");
        assertThat(pass.sensitive()).isTrue();
    }

    @Test
    void knownVerbsAreCachedAndUnknownVerbsStillWork() {
        assertThat(NntpCommand.valueOf("body")).isSameAs(NntpCommand.BODY);
        NntpCommand xfeature = NntpCommand.valueOf("XFEATURE");
        assertThat(xfeature.name().toString()).isEqualTo("XFEATURE");
        assertThat(xfeature.isMultiLine(222)).isFalse();
        assertThat(NntpCommand.BODY.isMultiLine(222)).isTrue();
        assertThat(NntpCommand.POST.isIntermediate(340)).isTrue();
        assertThat(new DefaultNntpRequest(xfeature, false, List.of("A")).toString()).isEqualTo("XFEATURE A");
        assertThatThrownBy(() -> NntpCommand.valueOf("BAD VERB")).isInstanceOf(IllegalArgumentException.class);
    }
}
