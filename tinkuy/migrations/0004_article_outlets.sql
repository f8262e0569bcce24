-- An article's outlet is named when it is cleaned (tinkuy/clean.py): the outlet the
-- input names, else the one listed for its URL's host in
-- tinkuy/data/cleaning/outlets.tsv, else the host itself. Before, dedup named it in
-- the store; dedup now only reads articles, so the articles a store holds with a URL
-- and no outlet are named here, once, the same way. `outlet_from_url` is
-- tinkuy.clean.outlet_from_url, which the store lends to its migrations.

UPDATE articles SET outlet = coalesce(outlet_from_url(url), outlet)
WHERE coalesce(outlet, '') = '' AND coalesce(url, '') <> '';
