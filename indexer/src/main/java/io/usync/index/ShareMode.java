package io.usync.index;

/** How a share was published: the three encrypted kinds of share id, or plain yEnc with an NZB. */
public enum ShareMode {
    /** The root key is in the share id. */
    PUBLIC,
    /** The root key is wrapped under a password. */
    PROTECTED,
    /** The root key is wrapped for recipients' public keys. */
    PRIVATE,
    /** Unencrypted yEnc articles and an NZB. */
    PLAIN
}
