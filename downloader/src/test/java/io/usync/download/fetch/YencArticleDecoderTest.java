package io.usync.download.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YencArticleDecoderTest {

    private static ByteBuf chunk(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void sizesTheDecodeBufferFromACompleteBeginLine() {
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=128 size=5000 name=a.bin\r\nxyz")))
                .isEqualTo(5000);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin part=1 line=128 size=123456789 name=b\r\n")))
                .isEqualTo(123456789);
    }

    @Test
    void fallsBackToTheCapWhenTheFirstChunkDoesNotDeclareTheSize() {
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=128 size=50"))).isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=128 name=a\r\n"))).isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("hello\r\n=ybegin size=5 name=a\r\n")))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=1 size= name=a\r\n"))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void readsTheSizeAsTheDecoderReadsIt() {
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin  SIZE=64 size=99 line=128 name=x\r\n"))).isEqualTo(64);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=128 name=size=5\r\n"))).isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin line=128 size=+5 name=a\r\n"))).isEqualTo(5);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin size=12345678901234567890 name=a\r\n")))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybeginx size=5 name=a\r\n"))).isEqualTo(Long.MAX_VALUE);
        assertThat(YencArticleDecoder.declaredSize(chunk("=ybegin size=5\n"))).isEqualTo(5);
    }

    @Test
    void readsTheHeaderWithoutConsumingTheChunk() {
        ByteBuf body = chunk("=ybegin line=128 size=77 name=a\r\ndata");
        int before = body.readerIndex();
        YencArticleDecoder.declaredSize(body);
        assertThat(body.readerIndex()).isEqualTo(before);
    }
}
