-- One row per ingested report. `state` is 'indexing' between the DuckDB commit and the
-- end of the Chroma write; the next ingest finishes any report it finds in that state.
CREATE TABLE reports (
    report_id       VARCHAR PRIMARY KEY,   -- the source file stem, e.g. mengjin-county_2020
    source_path     VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    file_type       VARCHAR NOT NULL,      -- pdf | text | html
    title           VARCHAR,
    agency          VARCHAR NOT NULL,      -- 洛阳市孟津县人民政府
    region          VARCHAR,               -- 孟津县
    agency_key      VARCHAR,               -- identity across years: 孟津县人民政府
    year            INTEGER NOT NULL,      -- the year reported on
    form            INTEGER NOT NULL,      -- 2019 | 2021
    pages           INTEGER,
    metadata_source VARCHAR,               -- document | sidecar | override
    state           VARCHAR NOT NULL,      -- indexing | complete
    ingested_at     TIMESTAMP NOT NULL
);

-- Every cell of the three tables, under the canonical keys of shared/docs/template.md.
CREATE TABLE cells (
    report_id  VARCHAR NOT NULL,
    table_key  VARCHAR NOT NULL,           -- active | applications | review
    row_key    VARCHAR NOT NULL,
    col_key    VARCHAR NOT NULL,
    value      DECIMAL(18, 4),             -- NULL when missing or ambiguous, never 0 for those
    status     VARCHAR NOT NULL,           -- ok | blank | missing | repaired | ambiguous | inconsistent
    note       VARCHAR,
    page       INTEGER,
    bbox       DOUBLE[],                   -- x0, top, x1, bottom on the page (PDF)
    line_no    INTEGER,                    -- text and HTML sources
    char_start INTEGER,
    char_end   INTEGER,
    quote      VARCHAR,                    -- the raw source line(s), as printed
    PRIMARY KEY (report_id, table_key, row_key, col_key)
);

-- The form's identities per report, and cross-year ones (stored on the later report).
CREATE TABLE checks (
    report_id  VARCHAR NOT NULL,
    check_id   VARCHAR NOT NULL,
    table_key  VARCHAR NOT NULL,
    identity   VARCHAR NOT NULL,
    scope      VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,           -- pass | fail | unchecked
    lhs        DECIMAL(18, 4),
    rhs        DECIMAL(18, 4),
    detail     VARCHAR,
    cells      VARCHAR[],
    PRIMARY KEY (report_id, check_id)
);

CREATE TABLE sections (
    report_id   VARCHAR NOT NULL,
    num         INTEGER NOT NULL,          -- 0 preamble, 1..6 canonical
    label       VARCHAR NOT NULL,          -- 三、收到和处理政府信息公开申请情况
    title       VARCHAR NOT NULL,          -- as printed
    page_start  INTEGER,
    page_end    INTEGER,
    line_start  INTEGER,
    line_end    INTEGER,
    text        VARCHAR NOT NULL,
    PRIMARY KEY (report_id, num)
);

-- Narrative chunks: the same rows feed Chroma (dense) and the jieba keyword index (tokens).
CREATE TABLE chunks (
    chunk_id     VARCHAR PRIMARY KEY,      -- report_id:section:ordinal, stable across re-ingest
    report_id    VARCHAR NOT NULL,
    section_num  INTEGER NOT NULL,
    section      VARCHAR NOT NULL,
    subheadings  VARCHAR,                  -- ' > '-joined path
    page         INTEGER,
    line_start   INTEGER,
    text         VARCHAR NOT NULL,
    tokens       VARCHAR NOT NULL          -- space-joined jieba tokens
);
