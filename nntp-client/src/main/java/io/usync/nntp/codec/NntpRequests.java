package io.usync.nntp.codec;

import java.util.List;

/** Factory for the requests the client sends; Message-IDs are validated per RFC 3977 section 3.6. */
public final class NntpRequests {

    /** The longest Message-ID RFC 3977 allows, angle brackets included. */
    public static final int MAX_MESSAGE_ID_OCTETS = 250;

    private static final NntpRequest CAPABILITIES = new DefaultNntpRequest(NntpCommand.CAPABILITIES);
    private static final NntpRequest MODE_READER = new DefaultNntpRequest(NntpCommand.MODE, "READER");
    private static final NntpRequest POST = new DefaultNntpRequest(NntpCommand.POST);
    private static final NntpRequest DATE = new DefaultNntpRequest(NntpCommand.DATE);
    private static final NntpRequest QUIT = new DefaultNntpRequest(NntpCommand.QUIT);
    private static final NntpRequest STARTTLS = new DefaultNntpRequest(NntpCommand.STARTTLS);

    private NntpRequests() {
    }

    /** BODY for a Message-ID in angle brackets. */
    public static NntpRequest body(String messageId) {
        return new DefaultNntpRequest(NntpCommand.BODY, checkMessageId(messageId));
    }

    /** HEAD for a Message-ID in angle brackets. */
    public static NntpRequest head(String messageId) {
        return new DefaultNntpRequest(NntpCommand.HEAD, checkMessageId(messageId));
    }

    /** ARTICLE for a Message-ID in angle brackets. */
    public static NntpRequest article(String messageId) {
        return new DefaultNntpRequest(NntpCommand.ARTICLE, checkMessageId(messageId));
    }

    /** STAT for a Message-ID in angle brackets. */
    public static NntpRequest stat(String messageId) {
        return new DefaultNntpRequest(NntpCommand.STAT, checkMessageId(messageId));
    }

    /** POST (the article follows after 340). */
    public static NntpRequest post() {
        return POST;
    }

    /** GROUP name. */
    public static NntpRequest group(String name) {
        return new DefaultNntpRequest(NntpCommand.GROUP, name);
    }

    /** CAPABILITIES. */
    public static NntpRequest capabilities() {
        return CAPABILITIES;
    }

    /** MODE READER. */
    public static NntpRequest modeReader() {
        return MODE_READER;
    }

    /** AUTHINFO USER name. */
    public static NntpRequest authinfoUser(String user) {
        return new DefaultNntpRequest(NntpCommand.AUTHINFO, false, List.of("USER", user));
    }

    /** AUTHINFO PASS secret; the request hides the secret from {@code toString()}. */
    public static NntpRequest authinfoPass(CharSequence password) {
        return new DefaultNntpRequest(NntpCommand.AUTHINFO, true, List.of("PASS", password));
    }

    /** STARTTLS. */
    public static NntpRequest startTls() {
        return STARTTLS;
    }

    /** DATE (health check). */
    public static NntpRequest date() {
        return DATE;
    }

    /** QUIT. */
    public static NntpRequest quit() {
        return QUIT;
    }

    /**
     * Returns the id if it is {@code <left@right>} of printable ASCII, without spaces or inner
     * angle brackets, at most 250 octets; throws otherwise.
     */
    public static String checkMessageId(String messageId) {
        int n = messageId.length();
        if (n < 5 || n > MAX_MESSAGE_ID_OCTETS || messageId.charAt(0) != '<' || messageId.charAt(n - 1) != '>') {
            throw new IllegalArgumentException("Message-ID must be <left@right> of at most 250 octets");
        }
        int at = -1;
        for (int i = 1; i < n - 1; i++) {
            char c = messageId.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
                throw new IllegalArgumentException("Message-ID holds a forbidden character");
            }
            if (c == '@') {
                at = i;
            }
        }
        if (at < 2 || at > n - 3) {
            throw new IllegalArgumentException("Message-ID must be <left@right>");
        }
        return messageId;
    }
}
