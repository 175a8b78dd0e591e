package io.usync.nntp;

/** Makes a fresh {@link BodyHandler} for each fetch attempt. */
@FunctionalInterface
public interface BodyHandlerFactory<T> {

    /** A new handler for an attempt on {@code server}. */
    BodyHandler<T> newHandler(String server);
}
