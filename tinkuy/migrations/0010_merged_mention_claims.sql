-- Each merged mention keeps what counting mentions reads (tinkuy/dedup.py, MergedMention): the
-- claim of its own sentence, its merged event's corroboration and its article's outlet. Counting
-- mentions (`unit=mention` in tinkuy/analysis.py) then reads this one table, where it joined four.
-- The mentions merged before are filled from the tables they were read from; nothing is merged again.

DROP VIEW mentions;

CREATE TABLE merged_mentions_claims (
    event_id        VARCHAR PRIMARY KEY,   -- a row of `events`
    merged_id       VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    source_code     VARCHAR,
    target_code     VARCHAR,
    cameo           VARCHAR NOT NULL,
    quad_class      TINYINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    modality        VARCHAR NOT NULL,
    attribution     VARCHAR NOT NULL,
    hedged          BOOLEAN NOT NULL,
    corroboration   VARCHAR NOT NULL,      -- of its merged event
    outlet          VARCHAR                -- of its article
);

INSERT INTO merged_mentions_claims
SELECT m.event_id, m.merged_id, e.date, e.date_precision, e.source.code, e.target.code, e.cameo, e.quad_class,
       e.goldstein, e.modality, e.attribution.type, e.hedged, me.corroboration, a.outlet
FROM merged_mentions m
JOIN events e USING (event_id)
JOIN merged_events me USING (merged_id)
LEFT JOIN articles a USING (article_id);

DROP TABLE merged_mentions;
ALTER TABLE merged_mentions_claims RENAME TO merged_mentions;

-- Every mention with its merged event, its article and the article's outlet.
CREATE VIEW mentions AS
SELECT e.*, m.merged_id, m.corroboration, a.outlet, a.url, a.title, a.published
FROM events e
JOIN merged_mentions m USING (event_id)
JOIN articles a USING (article_id);
