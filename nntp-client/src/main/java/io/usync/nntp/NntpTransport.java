package io.usync.nntp;

/** Which Netty transport carries the connections. */
public enum NntpTransport {
    /** io_uring if available, else epoll if available, else NIO. */
    AUTO,
    /** Linux epoll. */
    EPOLL,
    /** Linux io_uring. */
    IO_URING,
    /** Java NIO (portable). */
    NIO
}
