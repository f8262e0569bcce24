-- What `tinkuy watch` keeps between rounds (tinkuy/watch/state.py), in the store
-- beside the articles it ingested, so that the two are published together.
-- watch_feeds: each feed followed, its HTTP validators for conditional requests,
-- its last success and its failures (with their reason and when to try again).
-- watch_pages: each article page a feed listed, by canonical URL: pending until
-- fetched, then done (with the hash of the page as fetched and of its text) or
-- failed (with its reason and when to try again).

CREATE TABLE watch_feeds (
    feed_url VARCHAR PRIMARY KEY,
    outlet VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    last_success TIMESTAMP,
    last_attempt TIMESTAMP,
    failures INTEGER NOT NULL DEFAULT 0,
    reason VARCHAR,
    detail VARCHAR,
    next_try TIMESTAMP,
    entries_seen INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE watch_pages (
    url VARCHAR PRIMARY KEY,
    feed_url VARCHAR NOT NULL,
    stamp VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    fetched_at TIMESTAMP,
    article_id VARCHAR,
    text_hash VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    failures INTEGER NOT NULL DEFAULT 0,
    reason VARCHAR,
    detail VARCHAR,
    next_try TIMESTAMP
);

CREATE INDEX watch_pages_text ON watch_pages (text_hash);
