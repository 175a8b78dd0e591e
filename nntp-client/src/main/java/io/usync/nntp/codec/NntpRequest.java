package io.usync.nntp.codec;

import java.util.List;

/** One NNTP command line travelling down the pipeline: a verb and its parameters. */
public interface NntpRequest {

    /** The command verb. */
    NntpCommand command();

    /** The parameters, each already validated (no CR, LF, NUL or spaces inside one). */
    List<CharSequence> parameters();

    /** Whether the parameters are secret (AUTHINFO PASS) and must never be shown. */
    boolean sensitive();
}
