-- usync index, schema version 5: segments load about twice as fast (bench/index-bench.sh).
-- 1. The statement-level overlap trigger goes: capturing every copied row into a transition table
--    and sorting it cost about as much as the rows themselves. The writers check overlaps instead
--    (io.usync.index.SegmentOverlapCheck: consecutive rows compared while encoding, the ends of each
--    run looked up among the stored rows before the commit), which every COPY of segments passes.
-- 2. The key of a segments partition drops share_id (constant in a partition): a per-partition
--    unique index on (version, blob_kind, blob_index, segment_index) replaces the partitioned
--    primary key, so each index entry is 24 bytes instead of 32.

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.oid::regclass AS rel FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE t.tgname = 'segments_no_overlap' LOOP
        EXECUTE format('DROP TRIGGER segments_no_overlap ON %s', r.rel);
    END LOOP;
END $$;

DROP FUNCTION IF EXISTS usync_check_segment_overlap();

ALTER TABLE segments DROP CONSTRAINT IF EXISTS segments_pkey;

CREATE OR REPLACE FUNCTION usync_attach_share(p_share bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    segs text := 'segments_s' || p_share;
BEGIN
    FOREACH t IN ARRAY usync_share_tables() LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES IN (%s)%s',
                       t || '_s' || p_share, t, p_share,
                       CASE WHEN t = 'articles' THEN ' WITH (fillfactor = 40)' ELSE '' END);
    END LOOP;
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (version, blob_kind, blob_index, segment_index)',
                   segs || '_key', segs);
END $$;

-- Existing shares: the new key on each segments partition (the old one went with segments_pkey).
SELECT usync_attach_share(share_id) FROM shares;
