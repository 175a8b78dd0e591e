package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectionLostException;
import io.usync.nntp.NntpCredentials;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpTimeoutException;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.codec.NntpRequests;
import io.usync.nntp.codec.NntpResponseSink;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The Lettuce-like heart of a connection: a FIFO of in-flight commands whose head receives the
 * decoder's callbacks directly. It re-logs in on 480, and on any fault (desync, timeout, close)
 * fails every in-flight command with a retryable fault so the caller can try elsewhere.
 */
final class NntpConnectionHandler extends ChannelDuplexHandler implements NntpResponseSink {

    private final String server;
    private final Optional<NntpCredentials> credentials;
    private final Duration commandTimeout;
    private final NntpEventListener listener;
    private final ArrayDeque<PendingCommand> inFlight = new ArrayDeque<>();
    private final ArrayDeque<PendingCommand> parked = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private NntpException closeCause;
    private boolean relogging;
    private volatile int count;

    NntpConnectionHandler(String server, Optional<NntpCredentials> credentials, Duration commandTimeout,
            NntpEventListener listener) {
        this.server = server;
        this.credentials = credentials;
        this.commandTimeout = commandTimeout;
        this.listener = listener;
    }

    /** Commands written or waiting, readable from any thread. */
    int inFlightCount() {
        return count;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Expects the greeting as the first reply (called before any data is read). */
    void expectGreeting(PendingCommand greeting) {
        greeting.startNanos = System.nanoTime();
        inFlight.add(greeting);
        count = inFlight.size() + parked.size();
    }

    /** Writes the command (must run on the event loop), or fails it if the connection is closing. */
    void submit(PendingCommand command) {
        if (closeCause != null || !ctx.channel().isActive()) {
            command.fail(closeCause != null ? closeCause
                    : new NntpConnectionLostException("Connection to " + server + " is closed; retry on another connection"));
            return;
        }
        if (relogging) {
            parked.add(command);
        } else {
            write(command);
        }
        count = inFlight.size() + parked.size();
    }

    private void write(PendingCommand command) {
        command.startNanos = System.nanoTime();
        inFlight.add(command);
        var request = command.request().orElseThrow();
        command.bytesOut += lineLength(request);
        listener.onCommandStart(server, command.verb());
        command.deadline = ctx.executor().schedule(() -> {
            if (!command.isDone()) {
                failAll(new NntpTimeoutException(server + " did not answer " + command.verb() + " within "
                        + commandTimeout.toSeconds() + " s; the connection was closed"));
            }
        }, commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(request, ctx.voidPromise());
    }

    private static int lineLength(io.usync.nntp.codec.NntpRequest request) {
        int n = request.command().name().length() + 2;
        for (CharSequence p : request.parameters()) {
            n += p.length() + 1;
        }
        return n;
    }

    @Override
    public void onStatus(int code, boolean multiLine, ByteBuf buf, int index, int length) {
        PendingCommand head = inFlight.peek();
        if (head == null) {
            String text = PendingCommand.text(buf, index, length);
            failAll(new NntpConnectionLostException(server + " closed the session (" + code + " " + text
                    + "); reconnecting"));
            return;
        }
        head.bytesIn += length + 5;
        if (code == 480 && head.request().isPresent() && head.authRetries == 0 && credentials.isPresent()
                && !multiLine && !(head instanceof LoginCommand)) {
            inFlight.poll();
            cancelDeadline(head);
            head.authRetries++;
            parked.add(head);
            startRelogin();
            return;
        }
        boolean intermediate = !multiLine && head.isIntermediate(code);
        boolean done = !multiLine && !intermediate;
        if (done) {
            retire(head, code);
        }
        try {
            head.onStatus(ctx, code, multiLine, buf, index, length);
        } catch (NntpException e) {
            failAll(e);
            return;
        }
        if (done && code == 400) {
            failAll(new NntpConnectionLostException(server + " ended the session (400); reconnecting"));
        }
    }

    @Override
    public void onContent(ByteBuf buf, int index, int length) {
        PendingCommand head = inFlight.peek();
        if (head != null) {
            try {
                head.onContent(buf, index, length);
            } catch (NntpException e) {
                failAll(e);
            }
        }
    }

    @Override
    public void onContentEnd() {
        PendingCommand head = inFlight.peek();
        if (head != null) {
            retire(head, head.finalCode());
            head.onContentEnd();
        }
    }

    /** Removes the head before its future completes, so callbacks see the connection free. */
    private void retire(PendingCommand head, int code) {
        inFlight.poll();
        cancelDeadline(head);
        count = inFlight.size() + parked.size();
        listener.onCommandEnd(server, head.verb(), code, head.bytesIn, head.bytesOut,
                System.nanoTime() - head.startNanos);
    }

    private static void cancelDeadline(PendingCommand command) {
        if (command.deadline != null) {
            command.deadline.cancel(false);
        }
    }

    /** Logs in again after a 480, holding every other command until the login ends. */
    private void startRelogin() {
        if (relogging) {
            return;
        }
        relogging = true;
        NntpCredentials login = credentials.orElseThrow();
        LoginCommand user = new LoginCommand(NntpRequests.authinfoUser(login.username()));
        write(user);
        user.future.whenComplete((reply, error) -> {
            if (error == null && reply.code() == 381) {
                char[] secret = login.password().get();
                LoginCommand pass = new LoginCommand(NntpRequests.authinfoPass(CharBuffer.wrap(secret)));
                write(pass);
                pass.future.whenComplete((r2, e2) -> {
                    Arrays.fill(secret, '\0');
                    reloginDone(e2 == null && r2.code() == 281, e2 == null ? r2.line() : e2.getMessage());
                });
            } else {
                reloginDone(error == null && reply.code() == 281, error == null ? reply.line() : error.getMessage());
            }
        });
    }

    private void reloginDone(boolean accepted, String detail) {
        listener.onLogin(server, accepted);
        relogging = false;
        if (!accepted) {
            NntpAuthException e = new NntpAuthException(server + " rejected the login after asking for it again ("
                    + detail + "); check the user name and password");
            failAll(e);
            return;
        }
        while (!parked.isEmpty() && !relogging) {
            write(parked.poll());
        }
        count = inFlight.size() + parked.size();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !inFlight.isEmpty()) {
            failAll(new NntpTimeoutException(server + " sent nothing while " + inFlight.size()
                    + " commands waited; the connection was closed"));
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            failAll(tlsFailure(done.cause()));
            return;
        }
        super.userEventTriggered(context, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof NntpException e) {
            failAll(e);
        } else if (root instanceof SSLException) {
            failAll(tlsFailure(root));
        } else {
            failAll(new NntpConnectionLostException("Connection to " + server + " failed: " + root.getMessage()
                    + "; retrying elsewhere", root));
        }
    }

    private NntpTlsException tlsFailure(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new NntpTlsException("TLS with " + server + " failed (" + root.getMessage()
                + "); check the trust store and host name, or mark the server insecure", cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        failAll(new NntpConnectionLostException("Connection to " + server + " closed with " + count
                + " commands in flight; retrying elsewhere"));
        super.channelInactive(context);
    }

    /** Closes the connection and hands every in-flight and parked command its fault. */
    void failAll(NntpException cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        PendingCommand c;
        while ((c = inFlight.poll()) != null) {
            failOne(c, cause);
        }
        while ((c = parked.poll()) != null) {
            failOne(c, cause);
        }
        count = 0;
        if (ctx.channel().isOpen()) {
            ctx.close();
        }
    }

    private void failOne(PendingCommand c, NntpException cause) {
        cancelDeadline(c);
        if (!c.isDone()) {
            listener.onCommandFailed(server, c.verb(), cause);
            c.fail(cause);
        }
    }

    /** Whether the connection has failed or closed. */
    boolean closed() {
        return closeCause != null;
    }
}
