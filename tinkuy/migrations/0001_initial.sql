-- The first schema: articles, their sentences, their events, and the rejected inputs.
-- Every key is a content hash, so writing the same thing twice changes nothing.

CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    doc_id       VARCHAR NOT NULL,
    title        VARCHAR,
    published    DATE,
    date_source  VARCHAR,
    url          VARCHAR,
    outlet       VARCHAR,
    origin       VARCHAR,
    genre        VARCHAR NOT NULL,
    n_sentences  INTEGER NOT NULL,
    n_events     INTEGER NOT NULL
);

CREATE TABLE sentences (
    article_id      VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    start_char      INTEGER NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);

CREATE TABLE events (
    event_id        VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    source          STRUCT(text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR),
    target          STRUCT(text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR),
    cameo           VARCHAR NOT NULL,
    root            VARCHAR NOT NULL,
    plover          VARCHAR,
    quad_class      TINYINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    modality        VARCHAR NOT NULL,
    attribution     STRUCT(type VARCHAR, text VARCHAR),
    hedged          BOOLEAN NOT NULL,
    genre           VARCHAR NOT NULL,
    evidence        STRUCT(
                        source_span INTEGER[],
                        target_span INTEGER[],
                        event_spans INTEGER[][],
                        rule VARCHAR,
                        source_entry VARCHAR,
                        target_entry VARCHAR,
                        date_text VARCHAR,
                        date_source VARCHAR,
                        notes VARCHAR[]
                    )
);

CREATE TABLE rejections (
    rejection_id  VARCHAR PRIMARY KEY,
    origin        VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,
    detail        VARCHAR NOT NULL,
    doc_id        VARCHAR,
    article_id    VARCHAR
);
