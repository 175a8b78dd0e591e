package io.usync.nntp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.usync.nntp.NntpProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NntpClientCodecTest {

    /** Commands sent, then the server's whole answer stream, then what the decoder must produce. */
    private static final List<NntpRequest> COMMANDS = List.of(
            NntpRequests.body("<a@b>"), NntpRequests.group("alt.test"),
            new DefaultNntpRequest(NntpCommand.LISTGROUP, "alt.test"), NntpRequests.stat("<c@d>"),
            NntpRequests.capabilities(), NntpRequests.body("<missing@x>"), NntpRequests.body("<empty@x>"),
            NntpRequests.body("<dots@x>"), NntpRequests.post());

    private static final String SERVER = "200 welcome\r\n"
            + "222 0 <a@b>\r\nline1\r\n..dot\r\n.\r\n"
            + "211 2 1 2 alt.test\r\n"
            + "211 2 1 2 alt.test list\r\n1\r\n2\r\n.\r\n"
            + "223 0 <c@d>\r\n"
            + "101 Capability list:\r\nVERSION 2\r\nREADER\r\n.\r\n"
            + "430 No such article\r\n"
            + "222 0 <empty@x>\r\n.\r\n"
            + "222 0 <dots@x>\r\n..\r\n...\r\n.x\r\nend.\r\n.\r\n"
            + "340 send article\r\n"
            + "240 article posted\r\n";

    private static final String EXPECTED = "[200 welcome]"
            + "[222 0 <a@b> +]{line1\r\n.dot\r\n}"
            + "[211 2 1 2 alt.test]"
            + "[211 2 1 2 alt.test list +]{1\r\n2\r\n}"
            + "[223 0 <c@d>]"
            + "[101 Capability list: +]{VERSION 2\r\nREADER\r\n}"
            + "[430 No such article]"
            + "[222 0 <empty@x> +]{}"
            + "[222 0 <dots@x> +]{.\r\n..\r\nx\r\nend.\r\n}"
            + "[340 send article]"
            + "[240 article posted]";

    private static EmbeddedChannel channelWithCommandsSent() {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpClientCodec(new NntpCodecOptions(64, 64)));
        for (NntpRequest r : COMMANDS) {
            ch.writeOutbound(r);
        }
        ch.releaseOutbound();
        return ch;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesRepliesByCommandAndCodeWhenReadAtOnce() {
        EmbeddedChannel ch = channelWithCommandsSent();
        ch.writeInbound(ascii(SERVER));
        assertThat(ReplyRecorder.drain(ch)).isEqualTo(EXPECTED);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void framesRepliesIdenticallyWhenSplitAtEveryPosition() {
        for (int split = 1; split < SERVER.length(); split++) {
            EmbeddedChannel ch = channelWithCommandsSent();
            ch.writeInbound(ascii(SERVER.substring(0, split)));
            ch.writeInbound(ascii(SERVER.substring(split)));
            assertThat(ReplyRecorder.drain(ch)).as("split at %d", split).isEqualTo(EXPECTED);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void framesRepliesIdenticallyWhenSplitAtEveryPairOfPositions() {
        for (int a = 1; a < SERVER.length(); a += 3) {
            for (int b = a + 1; b < SERVER.length(); b++) {
                EmbeddedChannel ch = channelWithCommandsSent();
                ch.writeInbound(ascii(SERVER.substring(0, a)));
                ch.writeInbound(ascii(SERVER.substring(a, b)));
                ch.writeInbound(ascii(SERVER.substring(b)));
                assertThat(ReplyRecorder.drain(ch)).as("splits at %d and %d", a, b).isEqualTo(EXPECTED);
                ch.finishAndReleaseAll();
            }
        }
    }

    @Test
    void framesRepliesIdenticallyWhenFedOneByteAtATime() {
        EmbeddedChannel ch = channelWithCommandsSent();
        for (int i = 0; i < SERVER.length(); i++) {
            ch.writeInbound(ascii(SERVER.substring(i, i + 1)));
        }
        assertThat(ReplyRecorder.drain(ch)).isEqualTo(EXPECTED);
        ch.finishAndReleaseAll();
    }

    @Test
    void groupReplyIsSingleLineButListgroupReplyIsMultiLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpClientCodec(NntpCodecOptions.defaults()));
        ch.writeOutbound(NntpRequests.group("g"));
        ch.writeOutbound(new DefaultNntpRequest(NntpCommand.LISTGROUP, "g"));
        ch.releaseOutbound();
        ch.writeInbound(ascii("200 hi\r\n211 1 1 1 g\r\n211 1 1 1 g\r\n1\r\n.\r\n"));
        assertThat(ReplyRecorder.drain(ch)).isEqualTo("[200 hi][211 1 1 1 g][211 1 1 1 g +]{1\r\n}");
        ch.finishAndReleaseAll();
    }

    @Test
    void postStaysInFlightAfter340UntilTheFinalReply() {
        NntpClientCodec codec = new NntpClientCodec(NntpCodecOptions.defaults());
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        ch.writeInbound(ascii("200 hi\r\n"));
        ch.writeOutbound(NntpRequests.post());
        ch.writeInbound(ascii("340 go\r\n"));
        assertThat(codec.pendingReplies()).isEqualTo(1);
        ch.writeOutbound(new DefaultLastNntpContent(ascii("Subject: x\r\n\r\nbody\r\n")));
        ch.writeInbound(ascii("240 ok\r\n"));
        assertThat(codec.pendingReplies()).isZero();
        assertThat(ReplyRecorder.drain(ch)).isEqualTo("[200 hi][340 go][240 ok]");
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsStatusLineLongerThanTheBound() {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpClientCodec(new NntpCodecOptions(64, 1024)));
        assertThatThrownBy(() -> ch.writeInbound(ascii("200 " + "x".repeat(200))))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(NntpProtocolException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsMalformedStatusLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpClientCodec(NntpCodecOptions.defaults()));
        assertThatThrownBy(() -> ch.writeInbound(ascii("hello there\r\n")))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(NntpProtocolException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void encodesCommandLinesWithCrlf() {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpClientCodec(NntpCodecOptions.defaults()));
        ch.writeOutbound(NntpRequests.body("<x@y>"));
        ch.writeOutbound(NntpRequests.authinfoUser("joe"));
        assertThat(outbound(ch)).isEqualTo("BODY <x@y>\r\nAUTHINFO USER joe\r\n");
        ch.finishAndReleaseAll();
    }

    static String outbound(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }
}
