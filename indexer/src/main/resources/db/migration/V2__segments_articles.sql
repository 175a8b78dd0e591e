-- usync index, schema version 2: segments and article attempts, partitioned per share like V1.

-- One row per segment of a blob. blob_kind 0 = FILE, 1 = PACK (io.usync.core.BlobKind ordinal).
CREATE TABLE segments (
    share_id      bigint   NOT NULL,
    version       integer  NOT NULL,
    blob_kind     smallint NOT NULL CHECK (blob_kind IN (0, 1)),
    blob_index    integer  NOT NULL CHECK (blob_index >= 0),
    segment_index integer  NOT NULL CHECK (segment_index >= 0),
    segment_count integer  NOT NULL CHECK (segment_index < segment_count),
    range_offset  bigint   NOT NULL CHECK (range_offset >= 0),
    range_length  integer  NOT NULL CHECK (range_length >= 0),
    encoded_size  integer  NOT NULL CHECK (encoded_size >= 0),
    crc32         integer  NOT NULL,
    PRIMARY KEY (share_id, version, blob_kind, blob_index, segment_index)
) PARTITION BY LIST (share_id);

CREATE TYPE article_state AS ENUM ('planned', 'posted', 'verified', 'missing', 'failed');

-- One row per attempt at posting a segment: the attempt number changes the derived Message-ID.
-- The row's single state column is the attempt's one current state; fillfactor leaves room for
-- HOT updates (no index covers the state; each partition gets fillfactor 80), which keeps bulk
-- marking fast.
CREATE TABLE articles (
    share_id      bigint        NOT NULL,
    version       integer       NOT NULL,
    blob_kind     smallint      NOT NULL CHECK (blob_kind IN (0, 1)),
    blob_index    integer       NOT NULL,
    segment_index integer       NOT NULL,
    attempt       integer       NOT NULL CHECK (attempt >= 0),
    message_id    text          NOT NULL CHECK (message_id LIKE '<%@%>'),
    server        text          NOT NULL DEFAULT '',
    state         article_state NOT NULL DEFAULT 'planned',
    planned_at    timestamptz   NOT NULL DEFAULT now(),
    posted_at     timestamptz,
    verified_at   timestamptz,
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    last_response text          NOT NULL DEFAULT '',
    PRIMARY KEY (share_id, version, blob_kind, blob_index, segment_index, attempt)
) PARTITION BY LIST (share_id);

CREATE UNIQUE INDEX articles_message_id ON articles (share_id, message_id);

-- Statement-level overlap check for one COPY or INSERT into a segments partition: adjacent new
-- rows are compared in the batch itself, and only rows at a batch or blob boundary probe the
-- stored neighbour, so a bulk load costs one sort of the batch, not a probe per row.
CREATE FUNCTION usync_check_segment_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    EXECUTE format($q$
        WITH ordered AS (
            SELECT share_id, version, blob_kind, blob_index, segment_index, range_offset, range_length,
                   lag(segment_index) OVER w AS prev_index,
                   lag(range_offset + range_length) OVER w AS prev_end,
                   lead(segment_index) OVER w AS next_index
            FROM added
            WINDOW w AS (PARTITION BY share_id, version, blob_kind, blob_index ORDER BY segment_index))
        SELECT o.version, o.blob_kind, o.blob_index, o.segment_index FROM ordered o
        WHERE (o.prev_index = o.segment_index - 1 AND o.prev_end > o.range_offset)
           OR ((o.prev_index IS NULL OR o.prev_index < o.segment_index - 1) AND EXISTS (
                SELECT 1 FROM %1$I.%2$I s
                WHERE s.share_id = o.share_id AND s.version = o.version AND s.blob_kind = o.blob_kind
                  AND s.blob_index = o.blob_index AND s.segment_index = o.segment_index - 1
                  AND s.range_offset + s.range_length > o.range_offset))
           OR ((o.next_index IS NULL OR o.next_index > o.segment_index + 1) AND EXISTS (
                SELECT 1 FROM %1$I.%2$I s
                WHERE s.share_id = o.share_id AND s.version = o.version AND s.blob_kind = o.blob_kind
                  AND s.blob_index = o.blob_index AND s.segment_index = o.segment_index + 1
                  AND s.range_offset < o.range_offset + o.range_length))
        LIMIT 1 $q$, TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO bad;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'segment % of blob %/% (version %) overlaps its neighbour',
            bad.segment_index, bad.blob_kind, bad.blob_index, bad.version
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

-- Rows inserted through the parent are checked by the parent's trigger, rows copied straight into
-- a share's partition by that partition's own (usync_attach_share creates it).
CREATE TRIGGER segments_no_overlap AFTER INSERT ON segments REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION usync_check_segment_overlap();

CREATE OR REPLACE FUNCTION usync_share_tables() RETURNS text[] LANGUAGE sql IMMUTABLE
AS $$ SELECT ARRAY['folders', 'files', 'segments', 'articles'] $$;

CREATE OR REPLACE FUNCTION usync_attach_share(p_share bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    segs text := 'segments_s' || p_share;
BEGIN
    FOREACH t IN ARRAY usync_share_tables() LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES IN (%s)%s',
                       t || '_s' || p_share, t, p_share,
                       CASE WHEN t = 'articles' THEN ' WITH (fillfactor = 80)' ELSE '' END);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'segments_no_overlap'
                   AND tgrelid = segs::regclass) THEN
        EXECUTE format('CREATE TRIGGER segments_no_overlap AFTER INSERT ON %I REFERENCING NEW TABLE AS added'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION usync_check_segment_overlap()', segs);
    END IF;
END $$;

-- Shares created under version 1 get their new partitions now.
SELECT usync_attach_share(share_id) FROM shares;
