-- usync index, schema version 8: a new share's segments partition is itself partitioned, so a large
-- load of one version can be copied by two server backends at once (docs/index.md, VersionLeafLoad).
-- segments (LIST share_id)
--   segments_p<share> (RANGE version, blob_kind, blob_index, segment_index; share_id defaulted)
--     segments_s<share>            DEFAULT leaf: what every earlier version called the share's
--                                  partition (same name, own unique key, still the COPY target)
--     segments_s<share>_v<v>_<n>a  leaves of one version, attached by a large recordSegments:
--     segments_s<share>_v<v>_<n>b  each half copied and keyed on its own connection, both attached
--                                  in one commit (so readers see all of the version or none of it)
-- The unique key stays per leaf (each leaf's own index): the range bounds are the key's columns,
-- so two rows with one key always land in the same leaf. Shares indexed before this version keep
-- their plain segments_s<share> partition and load as before. Applied again, this changes nothing.

CREATE OR REPLACE FUNCTION usync_attach_share(p_share bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    segs text := 'segments_s' || p_share;
    parent text := 'segments_p' || p_share;
BEGIN
    FOREACH t IN ARRAY usync_share_tables() LOOP
        CONTINUE WHEN t = 'segments';
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES IN (%s)%s',
                       t || '_s' || p_share, t, p_share,
                       CASE WHEN t = 'articles' THEN ' WITH (fillfactor = 40)' ELSE '' END);
    END LOOP;
    IF to_regclass(segs) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF segments FOR VALUES IN (%s)'
                       ' PARTITION BY RANGE (version, blob_kind, blob_index, segment_index)', parent, p_share);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN share_id SET DEFAULT %s', parent, p_share);
        EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', segs, parent);
    END IF;
    EXECUTE format('ALTER TABLE %I ALTER COLUMN share_id SET DEFAULT %s', segs, p_share);
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (version, blob_kind, blob_index, segment_index)',
                   segs || '_key', segs);
END $$;

-- Removes a share: its partitions (a partitioned segments partition with all its leaves), any leaf
-- a crashed load left unattached, then its small rows (cascading).
CREATE OR REPLACE FUNCTION usync_drop_share(p_share bigint) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    t text;
    r record;
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I', 'segments_p' || p_share);
    FOREACH t IN ARRAY usync_share_tables() LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', t || '_s' || p_share);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
             WHERE c.relname LIKE 'segments\_s' || p_share || '\_v%' AND c.relkind = 'r' AND NOT c.relispartition LOOP
        EXECUTE format('DROP TABLE IF EXISTS %s', r.rel);
    END LOOP;
    DELETE FROM shares WHERE share_id = p_share;
    RETURN FOUND;
END $$;

SELECT usync_attach_share(share_id) FROM shares;
