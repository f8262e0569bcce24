-- Where each event happened, when the text says (tinkuy/places/): the place as written, its
-- GeoNames entry and position, its precision, where it is written and why the event is placed
-- there. Events stored before were coded without locations and keep none: recoding their
-- articles gives them one.

ALTER TABLE events ADD COLUMN location STRUCT(
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
);
