-- What counting and searching mentions read, kept with each merged mention (tinkuy/dedup.py,
-- MergedMention), so that each reads one table where it joined four:
-- - the claim of the mention's own sentence (date, actor codes, CAMEO code, QuadClass, Goldstein,
--   modality, attribution, hedging), its merged event's corroboration and its article's outlet,
--   which counting mentions reads (`unit=mention` in tinkuy/analysis.py);
-- - integers for a search to join on: the mention's number in the search index (`doc`, tinkuy/search.py)
--   and its merged event's number in the store (`merged_number`, new on merged_events too, which is
--   copied whole to take it);
-- - where each merged event happened (`merged_events.location`) and the mention that says so
--   (`location_event_id`), which the map, the place filters and the exports read.
-- The mentions merged before are filled from the tables they were read from; nothing is merged again.
-- A merged mention the search index had not numbered is merged again by the next dedup run, which
-- numbers it first.

DROP VIEW mentions;

CREATE TABLE merged_events_numbered (
    merged_id       VARCHAR PRIMARY KEY,
    source_code     VARCHAR,
    target_code     VARCHAR,
    root            VARCHAR NOT NULL,
    modality        VARCHAR NOT NULL,
    date_precision  VARCHAR NOT NULL,
    date            DATE,
    last_date       DATE,
    cameo           VARCHAR NOT NULL,
    quad_class      TINYINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    attribution     VARCHAR NOT NULL,
    hedged          BOOLEAN NOT NULL,
    n_mentions      INTEGER NOT NULL,
    n_articles      INTEGER NOT NULL,
    n_outlets       INTEGER NOT NULL,
    outlets         VARCHAR[] NOT NULL,
    corroboration   VARCHAR NOT NULL,
    lead_event_id   VARCHAR NOT NULL,
    window_days     INTEGER NOT NULL,
    merged_number   BIGINT NOT NULL,       -- what searches join on; its merged_id names it everywhere
    location        STRUCT(                -- where it happened: the place of one of its mentions
                        text VARCHAR,
                        name VARCHAR,
                        country_code VARCHAR,
                        admin1 VARCHAR,
                        latitude DOUBLE,
                        longitude DOUBLE,
                        geonames_id INTEGER,
                        precision VARCHAR,
                        sentence_index INTEGER,
                        span INTEGER[],
                        rule VARCHAR,
                        resolution VARCHAR
                    ),
    location_event_id VARCHAR              -- the mention it takes its place from
);

-- A merged event is where its lead mention places it, or in the most precise place inside that which
-- another of its mentions states; when the lead places it nowhere, in the most precise place any of its
-- mentions states; among equals, the lead's, then the first by id (as dedup chooses it).
INSERT INTO merged_events_numbered
SELECT me.*, row_number() OVER (ORDER BY me.merged_id), placed.chosen.location, placed.chosen.event_id
FROM merged_events me
LEFT JOIN (
    SELECT mm.merged_id,
           arg_min(struct_pack(location := m.location, event_id := m.event_id),
                   (CASE m.location.precision WHEN 'place' THEN 0 WHEN 'division' THEN 1 ELSE 2 END,
                    m.event_id <> e.lead_event_id, m.event_id)) AS chosen
    FROM merged_mentions mm JOIN events m USING (event_id) JOIN merged_events e USING (merged_id)
    JOIN events lead ON lead.event_id = e.lead_event_id
    WHERE m.location IS NOT NULL AND (m.event_id = e.lead_event_id OR lead.location IS NULL OR (
        m.location.country_code = lead.location.country_code AND (lead.location.precision = 'country'
        OR (m.location.admin1 IS NOT DISTINCT FROM lead.location.admin1 AND (lead.location.precision = 'division'
        OR m.location.geonames_id = lead.location.geonames_id)))))
    GROUP BY mm.merged_id
) placed USING (merged_id);

CREATE TABLE merged_mentions_counted (
    event_id        VARCHAR PRIMARY KEY,   -- a row of `events`
    merged_id       VARCHAR NOT NULL,
    merged_number   BIGINT NOT NULL,
    doc             INTEGER,               -- of `search_mentions`
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

INSERT INTO merged_mentions_counted
SELECT m.event_id, m.merged_id, me.merged_number, s.doc, e.date, e.date_precision, e.source.code, e.target.code, e.cameo,
       e.quad_class, e.goldstein, e.modality, e.attribution.type, e.hedged, me.corroboration, a.outlet
FROM merged_mentions m
JOIN events e USING (event_id)
JOIN merged_events_numbered me USING (merged_id)
LEFT JOIN articles a USING (article_id)
LEFT JOIN search_mentions s USING (event_id);

DROP TABLE merged_mentions;
ALTER TABLE merged_mentions_counted RENAME TO merged_mentions;
DROP TABLE merged_events;
ALTER TABLE merged_events_numbered RENAME TO merged_events;

-- Every mention with its merged event, its article and the article's outlet.
CREATE VIEW mentions AS
SELECT e.*, m.merged_id, m.corroboration, a.outlet, a.url, a.title, a.published
FROM events e
JOIN merged_mentions m USING (event_id)
JOIN articles a USING (article_id);
