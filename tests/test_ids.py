"""Content-hash ids stay what they were: a store written before still matches a run after.

The values are pinned: an id that changes makes every stored article, event,
rejection and merged event a new one on the next run. Event ids are pinned
by the snapshot (tests/test_snapshot.py).
"""

from __future__ import annotations

import datetime as dt

from tinkuy.dedup import EventMention, merge
from tinkuy.ids import content_hash
from tinkuy.ingest import read_paths
from tinkuy.model import Actor, Article, Attribution, Event, Evidence, Rejection
from tinkuy.neardup import copy_event
from tinkuy.store import rejection_id

PAGE = (
    "<html><head><title>Raid</title></head><body><article><p>"
    + "Ecuadorian police stormed the Mexican embassy in Quito on Friday night. " * 3
    + "</p></article></body></html>"
)


def test_article_ids_hash_the_text_or_the_page_as_read(tmp_path):
    (tmp_path / "raid.txt").write_text("Ecuadorian police stormed the Mexican embassy.\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "r1", "text": "Mexico broke off relations with Ecuador."}\n', encoding="utf-8")
    ids = {item.doc_id: item.article_id for item in read_paths([tmp_path]) if isinstance(item, Article)}
    assert ids == {"r1": "3f7a3d2e30e4352611f6", "page": "2d408d570f2f781d56f2", "raid": "28ee19bbbe3a5933e951"}
    assert Article.from_text("Mexico acted.", "copy", "copy.txt").article_id == "6649a9598f6856c44313"


def test_rejection_ids():
    rejection = Rejection("feed.jsonl:2", "malformed_record", "record has no 'text' field", "r2")
    assert rejection_id(rejection) == "10de59f2c7de25fe0153"


def test_merged_event_ids():
    def mention(event_id: str, day: dt.date, source: str = "sentence") -> EventMention:
        return EventMention(
            event_id=event_id,
            article_id="a1",
            outlet=None,
            source_code="USA",
            target_code="ECU",
            source_name=None,
            target_name=None,
            root="04",
            modality="asserted",
            date_precision="day",
            date=day,
            date_source=source,
            cameo="040",
            quad_class=1,
            goldstein=1.0,
            attribution="author",
            hedged=False,
        )

    merged = merge(
        [
            mention("e1", dt.date(2024, 4, 1)),
            mention("e2", dt.date(2024, 4, 3), "publication"),
            mention("e3", dt.date(2024, 4, 20)),
        ]
    )
    assert [(m.merged_id, m.event_ids) for m in merged] == [
        ("910eba27a0f3ffb7abe9", ("e1", "e2")),
        ("c559ed08d2b3f991a20e", ("e3",)),
    ]


def test_an_event_copied_to_a_near_duplicate_gets_an_id_of_its_own():
    event = Event(
        event_id="0123456789abcdef0123",
        article_id="a",
        doc_id="d",
        sentence_index=0,
        sentence="Mexico acted.",
        date=dt.date(2024, 4, 6),
        date_precision="day",
        source=Actor("Mexico", "MEX", "MEX", None),
        target=None,
        cameo="010",
        root="01",
        plover=None,
        quad_class=1,
        goldstein=0.0,
        modality="asserted",
        attribution=Attribution("author"),
        hedged=False,
        genre="news",
        language="en",
        evidence=Evidence((0, 6), None, ((7, 12),), "test rule", "countries.tsv:Mexico", None),
    )
    copy = Article.from_text("Mexico acted.", "copy", "copy.txt")
    assert copy_event(event, copy, "a note").event_id == "0c8db9e24176928042a0"


def test_the_hash_joins_its_parts_with_a_bar():
    assert content_hash("a", 1, "") == content_hash("a|1|") != content_hash("a", "1")
    assert len(content_hash("")) == 20
