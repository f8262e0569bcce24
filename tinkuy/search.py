"""Full-text search over the mentions: their sentences, their articles' titles and their actors' names and codes.

The store keeps an inverted index (migration ``0007_search``): ``search_mentions``
numbers each mention (``doc``), and ``search_terms`` holds one row per word of
each, ``(term, doc)``, sorted by term, so that looking a word up reads only the
blocks that hold it (DuckDB keeps the least and greatest value of each block).
Words are lower case without accents, made of letters and digits, two
characters or more, and not among the commonest words of the languages coded
(``data/cleaning/stopwords.tsv``). An actor's words are its text, its
canonical name, its code and the name of its code (``tinkuy.names``), so
"Ecuador" finds "Quito" acting for the government.

``index_mentions`` adds the mentions not yet indexed to ``search_recent``, a
small unsorted table searched alongside, and sorts it into ``search_terms`` when
it grows past ``RECENT_ROWS``: a small ingest into a large store costs little.
Dedup calls it before it merges, so every merged mention carries its number
(``merged_mentions.doc``) and a search joins integers only.

A query matches a mention when each of its words begins a word of the mention:
"expel" finds "expelled", "mexic" finds "Mexico" and "Mexican".
"""

from __future__ import annotations

import re
from functools import cache

import pyarrow as pa

from .datafiles import data_path, read_table, split_list
from .errors import UsageError
from .names import fold, load_vocabulary
from .store import Store

RECENT_ROWS = 500_000
"""Rows the unsorted table may hold before it is sorted into the main one."""
MAX_WORDS = 8
"""Words of a query searched for; a longer query is cut."""
STOPWORD_LANGUAGES = ("en", "es")
_SPLIT = re.compile(r"[^a-z0-9]+")
_AFTER_LAST = "{"
"""The character after ``z``: a word beginning with ``w`` lies in ``[w, w + "{")``."""

_NEW_DOCS = """
INSERT INTO search_mentions
SELECT (SELECT coalesce(max(doc), 0) FROM search_mentions) + row_number() OVER (ORDER BY event_id), event_id
FROM events WHERE event_id NOT IN (SELECT event_id FROM search_mentions)
"""
_NEW_CODES = """
SELECT DISTINCT code FROM (SELECT e.source.code AS code FROM events e JOIN search_mentions s USING (event_id) WHERE s.doc > $last
    UNION ALL SELECT e.target.code FROM events e JOIN search_mentions s USING (event_id) WHERE s.doc > $last) WHERE code IS NOT NULL
"""
_NEW_TERMS = """
INSERT INTO search_recent
SELECT DISTINCT term, doc FROM (
    SELECT s.doc, unnest(string_split_regex(lower(strip_accents(concat_ws(' ',
        e.sentence, a.title, e.source.text, e.source.name, e.source.code, sn.name,
        e.target.text, e.target.name, e.target.code, tn.name))), '[^a-z0-9]+')) AS term
    FROM search_mentions s JOIN events e USING (event_id) LEFT JOIN articles a USING (article_id)
    LEFT JOIN search_code_names sn ON sn.code = e.source.code LEFT JOIN search_code_names tn ON tn.code = e.target.code
    WHERE s.doc > $last)
WHERE length(term) > 1 AND NOT list_contains($stopwords, term)
"""
_SORT = (
    "CREATE OR REPLACE TABLE search_terms AS SELECT term, doc FROM "
    "(SELECT * FROM search_terms UNION ALL SELECT * FROM search_recent) ORDER BY term, doc",
    "DELETE FROM search_recent",
)


@cache
def stopwords() -> frozenset[str]:
    """Words too common to search for."""
    rows = read_table(data_path("cleaning", "stopwords.tsv"), ("lang", "words"))
    return frozenset(fold(w) for row in rows if row["lang"] in STOPWORD_LANGUAGES for w in split_list(row["words"]))


def index_mentions(store: Store, recent_rows: int = RECENT_ROWS) -> int:
    """Index the mentions the store has not indexed yet; how many. Sorts the recent words in when they are many."""
    con = store.connection
    last = con.execute("SELECT coalesce(max(doc), 0) FROM search_mentions").fetchall()[0][0]
    with store.transaction("search index"):
        con.execute(_NEW_DOCS)
        added = con.execute("SELECT count(*) FROM search_mentions WHERE doc > ?", [last]).fetchall()[0][0]
        if added:
            codes = [row[0] for row in con.execute(_NEW_CODES, {"last": last}).fetchall()]
            vocabulary = load_vocabulary()
            names = pa.table({"code": codes, "name": [vocabulary.actor_name(c) for c in codes]})
            con.register("search_code_names", names)
            try:
                con.execute(_NEW_TERMS, {"last": last, "stopwords": sorted(stopwords())})
            finally:
                con.unregister("search_code_names")
        if con.execute("SELECT count(*) FROM search_recent").fetchall()[0][0] > recent_rows:
            for statement in _SORT:
                con.execute(statement)
    return int(added)


def query_words(text: str) -> list[str]:
    """The words of a query that are searched for: folded, two characters or more, no stop words, each once."""
    words = [w for w in _SPLIT.split(fold(text)) if len(w) > 1 and w not in stopwords()]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def matching_docs(text: str) -> tuple[str, dict[str, str]]:
    """SQL selecting the number (``doc``) of every mention the query matches, and its parameters.

    A ``UsageError`` when the query has no word to search for (only stop words or punctuation).
    """
    words = query_words(text)
    if not words:
        raise UsageError(f"nothing to search for in {text!r}: give a word of two letters or more that is not a common one")
    parameters: dict[str, str] = {}
    lookups = []
    for number, word in enumerate(words):
        parameters |= {f"word_{number}": word, f"word_end_{number}": word + _AFTER_LAST}
        bounds = f"term >= $word_{number} AND term < $word_end_{number}"
        lookups.append(f"SELECT doc FROM search_terms WHERE {bounds} UNION SELECT doc FROM search_recent WHERE {bounds}")
    return " INTERSECT ".join(f"({lookup})" for lookup in lookups), parameters
