-- Events merged across articles (tinkuy/dedup.py).
-- `events` stays the raw extraction: one row per mention of an event in a sentence.
-- These tables are derived from it and rebuilt whole by every dedup run, so the
-- grouping can be re-run (with another window) without losing anything.

CREATE TABLE merged_events (
    merged_id       VARCHAR PRIMARY KEY,   -- content hash of the defining key
    source_code     VARCHAR,
    target_code     VARCHAR,
    root            VARCHAR NOT NULL,
    modality        VARCHAR NOT NULL,
    date_precision  VARCHAR NOT NULL,
    date            DATE,                  -- the earliest date of its mentions
    last_date       DATE,
    cameo           VARCHAR NOT NULL,      -- code, QuadClass and Goldstein of the lead mention
    quad_class      TINYINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    attribution     VARCHAR NOT NULL,      -- the strongest attribution among its mentions
    hedged          BOOLEAN NOT NULL,      -- every mention hedges it
    n_mentions      INTEGER NOT NULL,
    n_articles      INTEGER NOT NULL,
    n_outlets       INTEGER NOT NULL,
    outlets         VARCHAR[] NOT NULL,
    corroboration   VARCHAR NOT NULL,
    lead_event_id   VARCHAR NOT NULL,      -- the mention shown as its evidence
    window_days     INTEGER NOT NULL
);

CREATE TABLE merged_mentions (
    event_id   VARCHAR PRIMARY KEY,        -- a row of `events`
    merged_id  VARCHAR NOT NULL
);

-- Every mention with its merged event, its article and the article's outlet.
CREATE VIEW mentions AS
SELECT e.*, m.merged_id, me.corroboration, a.outlet, a.url, a.title, a.published
FROM events e
JOIN merged_mentions m USING (event_id)
JOIN merged_events me USING (merged_id)
JOIN articles a USING (article_id);
