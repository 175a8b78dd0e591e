package io.usync.nntp.codec;

import io.netty.channel.CombinedChannelDuplexHandler;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The client side of NNTP in one handler: the encoder records each sent command in a queue the
 * decoder reads, so a reply is framed by its command and code (222 after BODY is multi-line, 211
 * after GROUP is not but after LISTGROUP is, 340 after POST keeps POST in flight). The first reply
 * is the greeting.
 */
public final class NntpClientCodec extends CombinedChannelDuplexHandler<NntpResponseDecoder, NntpRequestEncoder> {

    private final SentCommands sent;

    /** Creates a codec that emits reply messages. */
    public NntpClientCodec(NntpCodecOptions options) {
        this(options, Optional.empty());
    }

    /** Creates a codec that hands replies to {@code directSink} when present. */
    public NntpClientCodec(NntpCodecOptions options, Optional<NntpResponseSink> directSink) {
        this(new SentCommands(), options, directSink);
    }

    private NntpClientCodec(SentCommands sent, NntpCodecOptions options, Optional<NntpResponseSink> directSink) {
        super(new NntpResponseDecoder(options, sent, directSink), new NntpRequestEncoder(sent::add));
        this.sent = sent;
    }

    /** How many sent commands still await their final reply. */
    public int pendingReplies() {
        return sent.queue.size();
    }

    /** The queue of sent commands shared by both halves; the first reply is the greeting. */
    private static final class SentCommands implements NntpFraming {
        private final ArrayDeque<NntpCommand> queue = new ArrayDeque<>();
        private boolean greeted;

        void add(NntpCommand command) {
            queue.add(command);
        }

        @Override
        public boolean isMultiLine(int code) {
            NntpCommand head = queue.peek();
            return greeted && head != null && head.isMultiLine(code);
        }

        @Override
        public void onReplyComplete(int code) {
            if (!greeted) {
                greeted = true;
                return;
            }
            NntpCommand head = queue.peek();
            if (head != null && !head.isIntermediate(code)) {
                queue.poll();
            }
        }
    }
}
