package io.usync.config;

/** What usync may use a server for. */
public enum ServerRole {
    /** Posting articles. */
    POST,
    /** Checking that posted articles arrived (STAT). */
    CHECK,
    /** Downloading articles (BODY). */
    READ
}
