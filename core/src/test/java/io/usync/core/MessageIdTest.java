package io.usync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

    @Test
    void parsesNzbFormWithoutBracketsAndPrintsBoth() {
        MessageId id = MessageId.parse("part1of9.abc@news.example");
        assertThat(id.withBrackets()).isEqualTo("<part1of9.abc@news.example>");
        assertThat(id.withoutBrackets()).isEqualTo("part1of9.abc@news.example");
        assertThat(MessageId.parse("<a@b>")).isEqualTo(new MessageId("<a@b>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a b@c>", "<a@b>\r\nQUIT", "<a\r\n@b>", "<ab>", "<@b>", "<a@>", "a@b", "<a<b@c>", "<\u00e9@b>"})
    void rejectsIdsThatCouldInjectOrAreMalformed(String bad) {
        assertThatThrownBy(() -> new MessageId(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsIdsLongerThan250Octets() {
        assertThatThrownBy(() -> new MessageId("<" + "a".repeat(240) + "@example.com>"))
                .hasMessageContaining("length");
    }
}
