package io.usync.nntp.connection;

import io.usync.nntp.Verdict;

/** The answer to BODY on one connection: a delivered body with its verdict, or another reply. */
public sealed interface BodyReply<T> {

    /** 222: the body streamed into the handler, which judged it. */
    record Delivered<T>(Verdict<T> verdict) implements BodyReply<T> {
    }

    /** Anything but 222 (430, 423, 451, 480, ...). */
    record NoBody<T>(NntpReply reply) implements BodyReply<T> {
    }
}
