/** End-to-end index benchmarks (real PostgreSQL, embedded): run by {@code bench/index-bench.sh}. */
package io.usync.benchmarks.indexer;
