package io.usync.nntp.codec;

import java.util.List;
import java.util.Objects;

/**
 * The immutable {@link NntpRequest}: its constructor rejects CR, LF and NUL anywhere, spaces
 * inside a parameter, and lines longer than the 512 octets RFC 3977 allows, so a hostile
 * Message-ID cannot inject a second command.
 */
public final class DefaultNntpRequest implements NntpRequest {

    /** The longest command line RFC 3977 allows, CRLF included. */
    public static final int MAX_LINE_OCTETS = 512;

    private final NntpCommand command;
    private final List<CharSequence> parameters;
    private final boolean sensitive;

    /** Creates a request with plain (loggable) parameters. */
    public DefaultNntpRequest(NntpCommand command, CharSequence... parameters) {
        this(command, false, List.of(parameters));
    }

    /** Creates a request; {@code sensitive} hides the parameters from {@link #toString()}. */
    public DefaultNntpRequest(NntpCommand command, boolean sensitive, List<? extends CharSequence> parameters) {
        this.command = Objects.requireNonNull(command, "command");
        this.parameters = List.copyOf(parameters);
        this.sensitive = sensitive;
        int length = command.name().length() + 2;
        for (CharSequence p : this.parameters) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("NNTP parameter must not be empty");
            }
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\r' || c == '\n' || c == 0 || c == ' ' || c == '\t' || c > 0x7e) {
                    throw new IllegalArgumentException(
                            "NNTP parameter holds a forbidden character (CR, LF, NUL, space, tab or non-ASCII)");
                }
            }
            length += 1 + p.length();
        }
        if (length > MAX_LINE_OCTETS) {
            throw new IllegalArgumentException("NNTP command line exceeds " + MAX_LINE_OCTETS + " octets");
        }
    }

    @Override
    public NntpCommand command() {
        return command;
    }

    @Override
    public List<CharSequence> parameters() {
        return parameters;
    }

    @Override
    public boolean sensitive() {
        return sensitive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefaultNntpRequest other && command.equals(other.command)
                && sensitive == other.sensitive && parameters.toString().equals(other.parameters.toString());
    }

    @Override
    public int hashCode() {
        return command.hashCode() * 31 + parameters.toString().hashCode();
    }

    @Override
    public String toString() {
        if (sensitive) {
            return command + " " + (parameters.isEmpty() ? "" : parameters.get(0) + " ") + "****";
        }
        return parameters.isEmpty() ? command.toString() : command + " " + String.join(" ", parameters);
    }
}
