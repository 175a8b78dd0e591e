package io.usync.nntp.codec;

/**
 * Decides how a reply is framed from the command it answers: the client codec implements it over
 * the queue of sent commands, the server side over its own state.
 */
public interface NntpFraming {

    /** Whether a reply with this code, to the command now at the head, has a dot-terminated block. */
    boolean isMultiLine(int code);

    /** Called when a reply with this code has been read completely (pops the head unless intermediate). */
    void onReplyComplete(int code);
}
