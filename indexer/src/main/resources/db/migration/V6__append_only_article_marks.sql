-- usync index, schema version 6: article state changes are appended, not updated in place.
-- Marking 1,000,000 attempts by COPY into a staging table plus one UPDATE ... FROM cost about 6.4 s of
-- server CPU (the HOT updates alone 3.5 s); a COPY into an unindexed, append-only table costs about
-- 1.2 s (bench/index-bench.sh, docs/index.md). The current state of an attempt is its latest mark
-- (highest batch; within a batch the client keeps one mark per Message-ID), or its own row when it
-- has none. Readers join the marks in (io.usync.index.ArticleStates); publishing a version folds
-- the share's marks into its article rows and deletes them, so the table stays small.

CREATE SEQUENCE usync_mark_batches AS bigint;

CREATE TABLE article_marks (
    share_id   bigint        NOT NULL,
    batch      bigint        NOT NULL,
    at         timestamptz   NOT NULL,
    state      article_state NOT NULL,
    message_id text          NOT NULL,
    server     text          NOT NULL,
    response   text          NOT NULL
) PARTITION BY LIST (share_id);

CREATE OR REPLACE FUNCTION usync_share_tables() RETURNS text[] LANGUAGE sql IMMUTABLE
AS $$ SELECT ARRAY['folders', 'files', 'segments', 'articles', 'article_marks'] $$;

-- Shares created before version 6 get their marks partition now (usync_attach_share is idempotent).
SELECT usync_attach_share(share_id) FROM shares;
