package io.usync.nntp.codec;

import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An NNTP command verb as a value: cached constants for the verbs the client uses, {@link #valueOf}
 * for any other, and the framing facts a reply needs (which codes carry a multi-line block, which
 * codes are intermediate and keep the command in flight).
 */
public final class NntpCommand {

    /** ARTICLE: 220 carries the whole article. */
    public static final NntpCommand ARTICLE = new NntpCommand("ARTICLE", 220, 0);
    /** HEAD: 221 carries the headers. */
    public static final NntpCommand HEAD = new NntpCommand("HEAD", 221, 0);
    /** BODY: 222 carries the body. */
    public static final NntpCommand BODY = new NntpCommand("BODY", 222, 0);
    /** STAT: 223 is single-line. */
    public static final NntpCommand STAT = new NntpCommand("STAT", 0, 0);
    /** POST: 340 is intermediate (the article follows), 240/441 end it. */
    public static final NntpCommand POST = new NntpCommand("POST", 0, 340);
    /** IHAVE: 335 is intermediate. */
    public static final NntpCommand IHAVE = new NntpCommand("IHAVE", 0, 335);
    /** GROUP: 211 is single-line. */
    public static final NntpCommand GROUP = new NntpCommand("GROUP", 0, 0);
    /** LISTGROUP: 211 carries the article numbers. */
    public static final NntpCommand LISTGROUP = new NntpCommand("LISTGROUP", 211, 0);
    /** CAPABILITIES: 101 carries the capability lines. */
    public static final NntpCommand CAPABILITIES = new NntpCommand("CAPABILITIES", 101, 0);
    /** HELP: 100 carries the help text. */
    public static final NntpCommand HELP = new NntpCommand("HELP", 100, 0);
    /** LIST: 215 carries the list. */
    public static final NntpCommand LIST = new NntpCommand("LIST", 215, 0);
    /** OVER: 224 carries overview lines. */
    public static final NntpCommand OVER = new NntpCommand("OVER", 224, 0);
    /** XOVER: the pre-standard OVER. */
    public static final NntpCommand XOVER = new NntpCommand("XOVER", 224, 0);
    /** HDR: 225 carries header lines. */
    public static final NntpCommand HDR = new NntpCommand("HDR", 225, 0);
    /** NEWNEWS: 230 carries message ids. */
    public static final NntpCommand NEWNEWS = new NntpCommand("NEWNEWS", 230, 0);
    /** NEWGROUPS: 231 carries groups. */
    public static final NntpCommand NEWGROUPS = new NntpCommand("NEWGROUPS", 231, 0);
    /** MODE (READER): single-line. */
    public static final NntpCommand MODE = new NntpCommand("MODE", 0, 0);
    /** AUTHINFO (USER/PASS): single-line; 381 ends the USER command. */
    public static final NntpCommand AUTHINFO = new NntpCommand("AUTHINFO", 0, 0);
    /** STARTTLS: 382 then the TLS handshake. */
    public static final NntpCommand STARTTLS = new NntpCommand("STARTTLS", 0, 0);
    /** DATE: 111, used as a cheap health check. */
    public static final NntpCommand DATE = new NntpCommand("DATE", 0, 0);
    /** QUIT: 205 then the server closes. */
    public static final NntpCommand QUIT = new NntpCommand("QUIT", 0, 0);

    private static final Map<String, NntpCommand> KNOWN = Map.ofEntries(
            entry(ARTICLE), entry(HEAD), entry(BODY), entry(STAT), entry(POST), entry(IHAVE),
            entry(GROUP), entry(LISTGROUP), entry(CAPABILITIES), entry(HELP), entry(LIST),
            entry(OVER), entry(XOVER), entry(HDR), entry(NEWNEWS), entry(NEWGROUPS), entry(MODE),
            entry(AUTHINFO), entry(STARTTLS), entry(DATE), entry(QUIT));

    private final AsciiString name;
    private final int multiLineCode;
    private final int intermediateCode;

    private NntpCommand(String name, int multiLineCode, int intermediateCode) {
        this.name = AsciiString.cached(name);
        this.multiLineCode = multiLineCode;
        this.intermediateCode = intermediateCode;
    }

    private static Map.Entry<String, NntpCommand> entry(NntpCommand command) {
        return Map.entry(command.name.toString(), command);
    }

    /**
     * Returns the cached constant for a known verb (any case) or a new command for an unknown one,
     * rejecting anything that is not a bare token of printable ASCII.
     */
    public static NntpCommand valueOf(CharSequence verb) {
        Objects.requireNonNull(verb, "verb");
        String upper = verb.toString().toUpperCase(Locale.ROOT);
        NntpCommand known = KNOWN.get(upper);
        if (known != null) {
            return known;
        }
        if (upper.isEmpty() || upper.length() > 32) {
            throw new IllegalArgumentException("NNTP verb must be 1 to 32 characters");
        }
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("NNTP verb must be printable ASCII without spaces");
            }
        }
        return new NntpCommand(upper, 0, 0);
    }

    /** The verb as sent on the wire. */
    public AsciiString name() {
        return name;
    }

    /** Whether a reply with this code to this command is followed by a dot-terminated block. */
    public boolean isMultiLine(int code) {
        return multiLineCode != 0 && code == multiLineCode;
    }

    /** Whether a reply with this code leaves the command in flight (POST 340, IHAVE 335). */
    public boolean isIntermediate(int code) {
        return intermediateCode != 0 && code == intermediateCode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NntpCommand other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
