-- The dateline that opens an article's text ("QUITO, April 6 (Andes Wire)"), as
-- written, found when the article is cleaned (tinkuy/clean.py). Articles stored
-- before were not read for one, and have none.

ALTER TABLE articles ADD COLUMN dateline VARCHAR;
