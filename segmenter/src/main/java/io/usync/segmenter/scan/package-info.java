/**
 * Walks a folder in a stable order without following links: regular files with relative
 * '/'-separated paths, sizes and mtimes, empty directories, and every skipped entry with its reason.
 */
package io.usync.segmenter.scan;
