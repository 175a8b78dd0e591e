package io.usync.config;

/** A 1-based line and column in a configuration file. */
record Location(int line, int column) {
}
