/** JMH benchmarks of the segmenter: yEnc encode and decode (fast and reference), end to end scan, read, hash and encode. */
package io.usync.benchmarks.segmenter;
