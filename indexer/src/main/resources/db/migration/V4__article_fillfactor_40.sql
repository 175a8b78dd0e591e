-- usync index, schema version 4: article partitions at fillfactor 40. At 50 about a third of the
-- rows found no room on their page for the updated version (an attempt grows when its posted and
-- verified timestamps are filled in), so those updates were not HOT and paid two index insertions.

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
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'segments_no_overlap'
                   AND tgrelid = segs::regclass) THEN
        EXECUTE format('CREATE TRIGGER segments_no_overlap AFTER INSERT ON %I REFERENCING NEW TABLE AS added'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION usync_check_segment_overlap()', segs);
    END IF;
END $$;

-- Existing partitions: new pages follow the new setting.
DO $$
DECLARE
    s bigint;
BEGIN
    FOR s IN SELECT share_id FROM shares LOOP
        EXECUTE format('ALTER TABLE IF EXISTS %I SET (fillfactor = 40)', 'articles_s' || s);
    END LOOP;
END $$;
