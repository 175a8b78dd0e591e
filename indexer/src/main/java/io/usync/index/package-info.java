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
 * ({@code bench/index-bench.sh}, same keys and (then) overlap trigger, one binary COPY of 1,000,000
 * segments): loading runs at the same rate within the noise of the shared machine (COPY goes
 * straight into the share's partition, so there is no tuple routing), but removing a share is a
 * {@code DROP TABLE} of about 0.3 s where the hash layout needs a {@code DELETE} of every row
 * (about 2.7 s per million segments on the same loaded machine, plus the vacuum debt it leaves in
 * partitions other shares use), and each share's indexes stay small. The cost is one set of
 * tables per share, which PostgreSQL handles well into the thousands.
 *
 * <p>Segment overlaps are refused by the COPY writers ({@code SegmentOverlapCheck}),
 * not by a trigger (schema V5): consecutive rows compared while encoding, run ends looked up
 * among the stored rows before each commit.
 *
 * <p>File names are stored as bytes: UTF-8, with unpaired UTF-16 surrogates kept in their
 * three-byte form (WTF-8), so every name a Java string can hold reads back exactly; NUL is refused.
 */
package io.usync.index;
