"""Near-duplicate articles: found before coding, coded once, copied as further mentions."""

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from tinkuy.clean import Cleaner
from tinkuy.errors import UsageError
from tinkuy.ingest.article_records import read_record
from tinkuy.limits import DEFAULT_LIMITS
from tinkuy.model import Actor, Article, Attribution, CodedArticle, Event, Evidence, Rejection, Sentence
from tinkuy.neardup import FLUSH_AFTER, NearDuplicates, code_once, shingles

STORY = (
    "Mexico broke off diplomatic relations with Ecuador on Saturday after Ecuadorian police stormed its embassy in Quito. "
    "The Mexican foreign ministry said the raid violated the Vienna Convention and that its diplomats would leave at once. "
    "Ecuador said it had acted lawfully to arrest a former vice president who had been given asylum at the embassy. "
    "The Organization of American States called an urgent meeting of its permanent council for Tuesday. "
    "Several governments in the region condemned the raid and urged both countries to settle the dispute by dialogue."
)
OTHER = (
    "Brazil and Argentina signed a trade agreement in Buenos Aires on Monday after two days of talks between their presidents. "
    "The deal cuts tariffs on cars and farm goods and sets up a joint commission to settle disputes over imports. "
    "Officials gave no further details. Farmers in both countries welcomed the accord, while industry groups asked for time."
)


def article(text, number, **fields):
    return Article.from_text(text, doc_id=f"doc-{number}", origin=f"feed:{number}", **fields)


def fake_event(coded_article, index):
    actor = Actor("Mexico", "MEX", "MEX", None)
    evidence = Evidence((0, 6), None, ((7, 12),), "test rule", "countries.tsv:Mexico", None)
    return Event(
        f"{coded_article.article_id}-{index}", coded_article.article_id, coded_article.doc_id, 0, "Mexico acted.",
        dt.date(2024, 4, 6), "day", actor, None, "010", "01", None, 1, 0.0, "asserted", Attribution("author"), False,
        "news", "en", evidence,
    )  # fmt: skip


class FakeRunner:
    """Codes every article into two events, rejects texts containing 'Español', and records what it was given."""

    def __init__(self):
        self.seen = []

    def __call__(self, items):
        for item in items:
            self.seen.append(item)
            if isinstance(item, Rejection):
                yield item
            elif "Español" in item.text:
                yield Rejection(item.origin, "unsupported_language", "looks like 'es'", item.doc_id, item.article_id)
            else:
                sentence = Sentence(item.article_id, 0, "Mexico acted.", 0)
                yield CodedArticle(item, (sentence,), tuple(fake_event(item, n) for n in range(2)))


def clean(item):
    """Prepares as ``Pipeline.prepared`` does, with the cleaner alone."""
    return item if isinstance(item, Rejection) else Cleaner().clean(item)


def test_shingles_are_runs_of_lower_cased_words():
    assert shingles("The Raid, the raid!", size=2) == {b"the raid", b"raid the"}
    assert shingles("Two words", size=5) == {b"two words"}


def test_a_wire_copy_is_not_coded_and_carries_the_originals_events_as_its_own_mentions():
    runner = FakeRunner()
    original = article("Raid on the embassy\n\n" + STORY, 1, url="https://a.example/1", outlet="A")
    copy = article(
        "RAID ON THE EMBASSY\n\nShare this:\n\n" + STORY + "\n\nComments are closed.", 2, url="https://b.example/2", outlet="B"
    )
    other = article(OTHER, 3)
    results = list(code_once([original, copy, other], runner, clean))
    assert [r.article.doc_id for r in results] == ["doc-1", "doc-2", "doc-3"]
    assert [a.doc_id for a in runner.seen] == ["doc-1", "doc-3"]
    first, second, _ = results
    assert (second.article.article_id, second.article.url, second.article.outlet) == (copy.article_id, "https://b.example/2", "B")
    assert [s.article_id for s in second.sentences] == [copy.article_id]
    for mine, theirs in zip(second.events, first.events, strict=True):
        assert (mine.article_id, mine.doc_id) == (copy.article_id, "doc-2")
        assert mine.event_id != theirs.event_id and len(mine.event_id) == 20
        assert (mine.cameo, mine.source, mine.date, mine.sentence) == (theirs.cameo, theirs.source, theirs.date, theirs.sentence)
        assert mine.evidence.notes[-1].startswith(f"coded from the original article {original.article_id}")
        assert dataclasses.replace(mine, event_id="", article_id="", doc_id="", evidence=theirs.evidence) == dataclasses.replace(
            theirs, event_id="", article_id="", doc_id=""
        )


def test_the_same_article_twice_is_given_its_result_again():
    runner = FakeRunner()
    results = list(code_once([article(STORY, 1), article(OTHER, 2), article(STORY, 1)], runner, clean))
    assert len(runner.seen) == 2 and results[2] == results[0]


def test_a_copy_of_an_article_rejected_once_coded_is_coded_on_its_own_in_its_place():
    runner = FakeRunner()
    junk, story = article("Español " + STORY, 1), article(STORY + " Más.", 2)
    results = list(code_once([junk, story, article(OTHER, 3)], runner, clean))
    assert [r.reason if isinstance(r, Rejection) else r.article.doc_id for r in results] == [
        "unsupported_language",
        "doc-2",
        "doc-3",
    ]
    assert [a.doc_id for a in runner.seen] == ["doc-1", "doc-3", "doc-2"]
    assert not any("near-duplicate" in note for e in results[1].events for note in e.evidence.notes)


def test_a_copy_of_a_rejected_article_is_coded_on_its_own_when_it_comes_last():
    junk, story = article("Español " + STORY, 1), article(STORY + " Más.", 2)
    results = list(code_once([junk, story], FakeRunner(), clean))
    assert isinstance(results[0], Rejection) and isinstance(results[1], CodedArticle) and results[1].article.doc_id == "doc-2"


def test_the_same_text_as_a_rejected_article_shares_its_rejection():
    spanish = article("Español " + STORY, 1)
    results = list(code_once([spanish, article(OTHER, 2), spanish], FakeRunner(), clean))
    assert results[2] == results[0] and results[0].reason == "unsupported_language"


def test_a_story_followed_by_one_line_repeated_is_not_a_copy_of_the_story():
    runner = FakeRunner()
    padded = article(STORY + "\n" + "Ecuador 12 1991 Peru 36 " * 500, 2)
    results = list(code_once([article(STORY, 1), padded], runner, clean))
    assert [a.doc_id for a in runner.seen] == ["doc-1", "doc-2"]
    assert not any("near-duplicate" in note for e in results[1].events for note in e.evidence.notes)


def test_a_long_run_of_equal_copies_comes_out_as_it_is_read_in_flat_memory():
    taken = []

    def stream():
        yield article(STORY, 1)
        for n in range(10 * FLUSH_AFTER):
            taken.append(n)
            yield article(STORY, 1)

    results = code_once(stream(), FakeRunner(), clean)
    assert next(results).article.doc_id == "doc-1"
    for n, result in enumerate(itertools.islice(results, 5 * FLUSH_AFTER)):
        assert result.article.doc_id == "doc-1" and len(taken) <= n + 1 + FLUSH_AFTER


def test_articles_refused_when_prepared_are_no_ones_copies_and_go_on_as_their_rejections():
    def refuse(item):
        return Rejection(item.origin, "empty", "nothing left", item.doc_id, item.article_id)

    runner = FakeRunner()
    results = list(code_once([article(STORY, 1), article(STORY + " More.", 2)], runner, refuse))
    assert len(runner.seen) == 2 and [r.doc_id for r in results] == ["doc-1", "doc-2"]
    assert all(isinstance(r, Rejection) and r.detail == "nothing left" for r in results)


def test_rejections_from_reading_pass_through_in_place():
    rejection = Rejection("feed:9", "malformed_record", "broken JSON")
    results = list(code_once([article(STORY, 1), rejection, article(STORY + " Again.", 2)], FakeRunner(), clean))
    assert results[1] is rejection and results[2].article.doc_id == "doc-2"


def test_the_window_is_bounded_and_a_copy_after_it_is_coded_on_its_own():
    runner = FakeRunner()
    config = NearDuplicates(window=1)
    list(code_once([article(STORY, 1), article(OTHER, 2), article(STORY + " Again.", 3)], runner, clean, config))
    assert [a.doc_id for a in runner.seen] == ["doc-1", "doc-2", "doc-3"]


@pytest.mark.parametrize("config", [{"threshold": 0}, {"threshold": 0.99}, {"window": 0}])
def test_impossible_settings_are_refused(config):
    with pytest.raises(UsageError):
        NearDuplicates(**config)


def test_on_generated_news_wire_copies_are_found_and_different_stories_kept_apart():
    records = list(generate(600, seed=3))
    articles = [a for r in records for a in read_record(r, r["id"], r["id"], DEFAULT_LIMITS.max_bytes)]
    index = NearDuplicates().index()
    found = {a.doc_id: d.original_id for a in articles if (d := index.original_of(clean(a))) is not None}
    doc_of = {a.article_id: a.doc_id for a in articles}
    copies = {r["id"]: r["copy_of"] for r in records if "copy_of" in r}
    right = sum(doc_of[original] == copies.get(doc) for doc, original in found.items())
    assert len(copies) > 40
    assert right == len(found), "every article taken for a copy is a copy of that article"
    assert right >= 0.85 * len(copies)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(range(6)), min_size=1, max_size=12))
def test_one_result_per_input_in_order_and_each_story_coded_once(choices):
    stories = [STORY, OTHER, "Peru recalled its ambassador from Mexico after a dispute over the president. " * 3]
    items = [article(stories[c % 3] + (" Updated." if c >= 3 else ""), n) for n, c in enumerate(choices)]
    runner = FakeRunner()
    results = list(code_once(iter(items), runner, clean))
    assert [r.article.article_id for r in results] == [a.article_id for a in items]
    assert len(runner.seen) == len({c % 3 for c in choices})
    events = [e.event_id for r in results for e in r.events]
    assert len(events) == len(set(events)) + 2 * (len(items) - len({a.article_id for a in items}))


def test_code_once_reads_ahead_only_as_far_as_the_coder_asks():
    consumed = []

    def feed():
        for n in itertools.count():
            consumed.append(n)
            yield article(f"{STORY} Story number {n} has its own ending with words {n * 7} and {n * 13}.", n)

    results = code_once(feed(), FakeRunner(), clean, NearDuplicates(threshold=0.98))
    list(itertools.islice(results, 5))
    assert len(consumed) <= 6
