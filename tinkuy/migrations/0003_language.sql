-- The language of each article and of each event (ISO 639-1). Everything stored
-- before was English, the only language coded; new rows always name theirs.

ALTER TABLE articles ADD COLUMN language VARCHAR DEFAULT 'en';
ALTER TABLE articles ALTER COLUMN language DROP DEFAULT;
ALTER TABLE articles ALTER COLUMN language SET NOT NULL;

ALTER TABLE events ADD COLUMN language VARCHAR DEFAULT 'en';
ALTER TABLE events ALTER COLUMN language DROP DEFAULT;
ALTER TABLE events ALTER COLUMN language SET NOT NULL;
