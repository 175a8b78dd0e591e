/**
 * The uploader's memory in PostgreSQL: shares, versions, folders, files, packs, segments and
 * article attempts, written with binary COPY and read back through server-side cursors.
 *
 * <p>Entry points: {@link io.usync.index.IndexDatabase#open(IndexOptions)} (embedded server or an
 * external one, migrations applied) and {@link io.usync.index.ShareIndex} over it.
 *
 * <p>Partitioning: the per-share tables ({@code folders}, {@code files}, {@code segments},
 * {@code articles}) are LIST-partitioned with one partition per share, created when the share is
 * created and dropped with it. Measured against 16-way HASH partitioning on the share
 * ({@code bench/index-bench.sh}), per-share partitions load at least as fast (COPY goes straight
 * into the share's partition, no tuple routing), keep each share's indexes small, and remove a
 * share with {@code DROP TABLE} in milliseconds instead of a {@code DELETE} that rewrites and
 * vacuums millions of rows of a shared hash partition. The cost is one set of tables per share,
 * which PostgreSQL handles well into the thousands.
 *
 * <p>File names are stored as bytes: UTF-8, with unpaired UTF-16 surrogates kept in their
 * three-byte form (WTF-8), so every name a Java string can hold reads back exactly; NUL is refused.
 */
package io.usync.index;
