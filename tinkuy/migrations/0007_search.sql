-- The full-text index of the mentions (tinkuy/search.py): each mention numbered, and the words of
-- each. `search_terms` is kept sorted by term, so a lookup reads only the blocks holding its word;
-- `search_recent` takes the words of the mentions indexed since, until it is sorted in. Derived
-- from `events`, `articles` and the dictionaries; dedup fills them, for the mentions a store
-- already holds too.

CREATE TABLE search_mentions (
    doc       INTEGER NOT NULL,
    event_id  VARCHAR NOT NULL
);

CREATE TABLE search_terms (
    term  VARCHAR NOT NULL,
    doc   INTEGER NOT NULL
);

CREATE TABLE search_recent (
    term  VARCHAR NOT NULL,
    doc   INTEGER NOT NULL
);
