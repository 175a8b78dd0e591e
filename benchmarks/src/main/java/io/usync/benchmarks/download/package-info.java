/** JMH benchmarks of the download's per-article CPU: AES-GCM open and SHA-256 over buffer layouts. */
package io.usync.benchmarks.download;
