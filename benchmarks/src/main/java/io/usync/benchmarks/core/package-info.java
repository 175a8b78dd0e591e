/** JMH benchmarks of core primitives: segment sealing, Message-ID derivation and NZB parsing. */
package io.usync.benchmarks.core;
