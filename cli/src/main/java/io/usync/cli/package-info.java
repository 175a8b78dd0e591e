/**
 * The {@code usync} command line (picocli): parses, wires the modules together and reports. Every
 * outcome ends in one {@link io.usync.cli.ExitCode} (the README's table); a fault a person sees is
 * one line saying what happened and what to do ({@link io.usync.cli.FailureReport}), with the
 * stack trace only under {@code --verbose}. Progress goes to standard error (a bar on a terminal,
 * log lines elsewhere); results (a share id, the download and verify reports) go to standard output.
 */
package io.usync.cli;
