-- usync index, schema version 1: shares, versions, folders, files, packs.
-- The per-share tables are LIST-partitioned on share_id: one partition per share, created with the
-- share and dropped with it (see docs/index.md for the benchmark behind that choice). They carry
-- no foreign keys: per-row RI triggers would cost more than the whole binary COPY.

CREATE TABLE shares (
    share_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                text        NOT NULL CHECK (kind IN ('PUBLIC', 'PROTECTED', 'PRIVATE', 'PLAIN')),
    locator             bytea       NOT NULL UNIQUE CHECK (length(locator) BETWEEN 1 AND 64),
    public_key_material bytea       NOT NULL DEFAULT ''::bytea,
    label               text        NOT NULL DEFAULT '',
    source_root         text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    status              text        NOT NULL DEFAULT 'ACTIVE'
                                    CHECK (status IN ('ACTIVE', 'COMPLETE', 'DROPPING'))
);

CREATE TABLE versions (
    share_id     bigint      NOT NULL REFERENCES shares ON DELETE CASCADE,
    version      integer     NOT NULL CHECK (version >= 1),
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    status       text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PUBLISHED', 'ABANDONED')),
    PRIMARY KEY (share_id, version)
);

-- Paths are stored as bytes (UTF-8, with lone UTF-16 surrogates kept as their 3-byte forms) so
-- that every name a Java string can carry reads back exactly; NUL is refused by the client.
CREATE TABLE folders (
    share_id bigint  NOT NULL,
    version  integer NOT NULL,
    path     bytea   NOT NULL,
    PRIMARY KEY (share_id, version, path)
) PARTITION BY LIST (share_id);

-- A file's content lives in a blob: its own (blob_kind 0 = FILE, pack_offset 0) or a pack
-- (blob_kind 1 = PACK, at pack_offset); blob_version names the version whose segments hold it,
-- so an unchanged file in a new version points at the segments already posted.
CREATE TABLE files (
    share_id     bigint   NOT NULL,
    version      integer  NOT NULL,
    file_index   integer  NOT NULL CHECK (file_index >= 0),
    path         bytea    NOT NULL CHECK (length(path) > 0),
    size         bigint   NOT NULL CHECK (size >= 0),
    mtime_ms     bigint   NOT NULL,
    sha256       bytea    CHECK (sha256 IS NULL OR length(sha256) = 32),
    blob_version integer  NOT NULL,
    blob_kind    smallint NOT NULL CHECK (blob_kind IN (0, 1)),
    blob_index   integer  NOT NULL CHECK (blob_index >= 0),
    pack_offset  bigint   NOT NULL DEFAULT 0 CHECK (pack_offset >= 0 AND (blob_kind = 1 OR pack_offset = 0)),
    PRIMARY KEY (share_id, version, file_index)
) PARTITION BY LIST (share_id);

CREATE UNIQUE INDEX files_path ON files (share_id, version, path);

CREATE TABLE packs (
    share_id   bigint  NOT NULL,
    version    integer NOT NULL,
    pack_index integer NOT NULL CHECK (pack_index >= 0),
    size       bigint  NOT NULL CHECK (size >= 0),
    sha256     bytea   CHECK (sha256 IS NULL OR length(sha256) = 32),
    entries    integer NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (share_id, version, pack_index),
    FOREIGN KEY (share_id, version) REFERENCES versions ON DELETE CASCADE
);

-- The partitioned tables that get one partition per share.
CREATE FUNCTION usync_share_tables() RETURNS text[] LANGUAGE sql IMMUTABLE
AS $$ SELECT ARRAY['folders', 'files'] $$;

-- Creates (idempotently) every per-share partition of one share.
CREATE FUNCTION usync_attach_share(p_share bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY usync_share_tables() LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES IN (%s)',
                       t || '_s' || p_share, t, p_share);
    END LOOP;
END $$;

-- Removes a share in constant time: drops its partitions, then its small rows (cascading).
CREATE FUNCTION usync_drop_share(p_share bigint) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY usync_share_tables() LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', t || '_s' || p_share);
    END LOOP;
    DELETE FROM shares WHERE share_id = p_share;
    RETURN FOUND;
END $$;
