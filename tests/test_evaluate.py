"""PETRARCH dictionaries read as they are, and the evaluator: gold records, annotated articles.

Each scoring rule is tested on events given to it, as a coder would give them, so a rule's test
does not move when the coder gets better or worse; the coder itself is held to floors. The
dictionaries, records and sentences here are written for these tests, with countries of fiction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

import pytest

from tinkuy import api
from tinkuy.cli import EXIT_OK, main
from tinkuy.coding.codebook import load_codebook
from tinkuy.datafiles import data_path
from tinkuy.dictionaries.actors import read_actor_dictionary
from tinkuy.dictionaries.agents import read_agent_dictionary
from tinkuy.dictionaries.verbs import read_verb_dictionary
from tinkuy.errors import UsageError
from tinkuy.evaluate import (
    Annotation,
    GoldEvent,
    GoldRecord,
    evaluate,
    evaluate_annotations,
    read_annotations,
    read_gold,
    scorable,
    score_annotations,
)
from tinkuy.model import Article, CodedArticle, Event, Rejection

from .conftest import GOLDEN
from .test_dedup import stored_event

ACTORS = """\
# countries of fiction
RURITANIA_  [RUR]
+RURITANIAN_
FREEDONIA  [FRE]  # a stem: "Freedonian" too
RUDOLF_ELPHBERG_
    [RURGOV 19200101 - 19301231]
    [RURELI > 19310101]
THE_LEAGUE_OF_TWO_  [RUR/FRE]
<!-- a comment
over lines -->
NOBODY_  [---]
"""
AGENTS = """\
!MINISTER! = MINISTER, MINISTERS
FOREIGN_!MINISTER!  [~GOVFRM]
POLICE {POLICEMEN}  [~COP]
HUMAN_RIGHTS_GROUP  [NGO~]
"""
VERBS = """\
--- MEET  [040] ---
MEET
- * WITH  [040]
- * (FOR {URGENT TALKS})  [046]

--- AGREE  [030] ---
AGREE
- % *  [057:057]

--- POSTPONE  [161]  [031:031] ---
POSTPONE
- % HAVE *  [164]
- NEITHER *  [111]

--- WAGE  [---] ---
WAGE_WAR  [190]
"""
GOLD = [
    {"id": "meet", "date": "20240108", "text": "Ruritania met with Freedonia on Monday.", "events": [["RUR", "FRE", "040"]]},
    {"id": "dated", "date": "19250601", "text": "Rudolf Elphberg met with Freedonia.", "events": [["RURGOV", "FRE", "040"]]},
    {
        "id": "members",
        "date": "20240108",
        "text": "The League of Two met on Monday.",
        "events": [["RUR", "FRE", "040"], ["FRE", "RUR", "040"]],
    },
    {
        "id": "mutual",
        "date": "20240108",
        "text": "Ruritania and Freedonia agreed.",
        "events": [["RUR", "FRE", "057"], ["FRE", "RUR", "057"]],
    },
    {"id": "missed", "date": "20240108", "text": "Ruritania criticized Freedonia.", "events": [["RUR", "FRE", "111"]]},
    {"id": "spurious", "date": "20240108", "text": "Freedonia met with Ruritania.", "events": []},
]


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dictionaries")
    paths = []
    for name, text in (("test.actors.txt", ACTORS), ("test.agents.txt", AGENTS), ("test.verbs.txt", VERBS)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    lines = [json.dumps({**r, "events": [{"source": s, "target": t, "code": c} for s, t, c in r["events"]]}) for r in GOLD]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_actor_dictionary_names_synonyms_dated_codes_groups_and_comments(dictionaries):
    entries = {" ".join(e.primary.words): e for e in read_actor_dictionary(dictionaries[0])}
    assert set(entries) == {"RURITANIA", "FREEDONIA", "RUDOLF ELPHBERG", "THE LEAGUE OF TWO"}  # NOBODY is "---"
    assert [n.words for n in entries["RURITANIA"].names] == [("RURITANIA",), ("RURITANIAN",)]
    assert not entries["RURITANIA"].primary.stem and entries["FREEDONIA"].primary.stem
    codes = [(c.code, c.start, c.end) for c in entries["RUDOLF ELPHBERG"].codes]
    assert codes == [("RURGOV", dt.date(1920, 1, 1), dt.date(1930, 12, 31)), ("RURELI", dt.date(1931, 1, 1), None)]


def test_agent_dictionary_substitutions_plurals_and_code_order(dictionaries):
    entries = {e.phrase: (e.code, e.before_actor) for e in read_agent_dictionary(dictionaries[1])}
    assert entries[("foreign", "minister")] == entries[("foreign", "ministers")] == ("GOVFRM", False)
    assert entries[("policemen",)] == ("COP", False)
    assert entries[("human", "rights", "group")] == ("NGO", True)


def test_verb_dictionary_patterns_before_and_after_the_verb_and_phrases(dictionaries):
    rules, skipped = read_verb_dictionary(dictionaries[2])
    by_verb = {(r.verb, r.code): r for r in rules}
    assert {r.preps for r in rules if r.verb == "meet"} == {frozenset(), frozenset({"with"})}
    assert by_verb[("agree", "057")].mutual and by_verb[("agree", "057")].reverse == "057"
    postponed = by_verb[("postpone", "164")]
    assert postponed.mutual and postponed.auxiliaries == {"have"}
    assert ("postpone", "161") in by_verb  # a header with a second code block is still read
    assert by_verb[("postpone", "111")].before == (frozenset({"neither"}),)  # a word before the verb: a phrase
    assert by_verb[("meet", "046")].after == (frozenset({"for"}), frozenset({"urgent"}), frozenset({"talks"}))
    assert by_verb[("wage", "190")].after == (frozenset({"war"}),)  # a verb line of several words
    assert skipped == 0


# --- the evaluator on events given to it


def found(source: str, target: str | None, cameo: str, sentence: str = "", doc_id: str = "t", **fields: object) -> Event:
    """An event as a coder would give it: the evaluator reads its codes, sentence, modality,
    attribution and rule."""
    event = stored_event(doc_id, 0, source, target, cameo, "2024-01-08", **fields)
    return dataclasses.replace(event, sentence=sentence or event.sentence)


class GivenEvents:
    """Stands in for the pipeline: codes each article as the events given for its text, and
    rejects a text it was given none for; it keeps the articles it was asked to code."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.events = events
        self.articles: list[Article] = []
        self.knowledge = SimpleNamespace(codebook=load_codebook())  # what tells scorable records apart

    def run(self, articles: Iterable[Article]) -> Iterator[CodedArticle | Rejection]:
        for article in articles:
            self.articles.append(article)
            given = self.events.get(article.text)
            if given is None:
                yield Rejection(article.origin or article.doc_id, "unsupported_language", "no events given", article.doc_id)
            else:
                yield CodedArticle(article, (), tuple(given))


def gold_record(text: str, *events: tuple[str, str, str], **notes: object) -> GoldRecord:
    return GoldRecord(text, dt.date(2024, 1, 8), text, tuple(GoldEvent(*e) for e in events), dict(notes))


def evaluate_given(records: list[tuple[GoldRecord, list[Event]]]):
    """The evaluation of gold records coded as the events given with each."""
    return evaluate([r for r, _ in records], GivenEvents({r.text: events for r, events in records}))  # type: ignore[arg-type]


def test_each_level_compares_its_own_parts_of_an_event():
    evaluation = evaluate_given(
        [
            (gold_record("same code", ("RUR", "FRE", "057")), [found("RUR", "FRE", "057")]),
            (gold_record("same root and dyad", ("RUR", "FRE", "111")), [found("RUR", "FRE", "112")]),
            (gold_record("same root only", ("RUR", "FRE", "040")), [found("FRE", "RUR", "043")]),
        ]
    )
    counts = {name: (c.true_positives, c.false_positives, c.false_negatives) for name, c in evaluation.levels.items()}
    assert counts == {"exact": (1, 2, 2), "root_dyad": (2, 1, 1), "root": (3, 0, 0)}
    assert evaluation.levels["root_dyad"].precision == evaluation.levels["root_dyad"].recall == pytest.approx(2 / 3)


@pytest.mark.parametrize(("listed", "given", "expected"), [(1, 3, (1, 2, 0)), (2, 1, (1, 0, 1)), (2, 2, (2, 0, 0))])
def test_events_count_as_often_as_they_occur(listed, given, expected):
    record = gold_record("met twice", *[("RUR", "FRE", "040")] * listed)
    exact = evaluate_given([(record, [found("RUR", "FRE", "040")] * given)]).levels["exact"]
    assert (exact.true_positives, exact.false_positives, exact.false_negatives) == expected


def test_a_gold_actor_written_as_dashes_is_an_absent_actor(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"id": "r", "date": "20240108", "text": "t", "events": [{"source": "RUR", "target": "---", "code": "173"}]})
    )
    (record,) = read_gold(path)
    assert record.events == (GoldEvent("RUR", "", "173"),)
    assert evaluate_given([(record, [found("RUR", None, "173")])]).levels["exact"].true_positives == 1
    assert evaluate_given([(record, [found("RUR", "FRE", "173")])]).levels["exact"].true_positives == 0


@pytest.mark.parametrize(("date", "day"), [("20240108", dt.date(2024, 1, 8)), ("2024-01-08", dt.date(2024, 1, 8)), ("", None)])
def test_gold_dates_are_compact_or_iso(tmp_path, date, day):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "r", "date": date, "text": "t", "events": []}) + "\n\n")
    assert [r.date for r in read_gold(path)] == [day]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "r", "date": "8 Jan 2024", "text": "t"}', "gold date '8 Jan 2024' is neither YYYYMMDD nor YYYY-MM-DD"),
        ('{"id": "r"}', "gold.jsonl:1: not a gold record"),
        ("not json", "gold.jsonl:1: not a gold record"),
    ],
)
def test_a_line_that_is_no_gold_record_is_a_usage_error_that_says_why(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(UsageError, match=message):
        read_gold(path)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (gold_record("t", ("RUR", "FRE", "040")), True),
        (gold_record("t"), True),  # no event to find: spurious events count against it
        (gold_record("t", ("RUR", "FRE", "999")), False),  # a code of a test dictionary, not CAMEO
        (gold_record("   ", ("RUR", "FRE", "040")), False),
        (gold_record("t", ("RUR", "FRE", "040"), active=False), False),
        (gold_record("t", ("RUR", "FRE", "040"), expected_error="parse"), False),
        (gold_record("t", ("RUR", "FRE", "040"), in_include_list=False), False),
        (gold_record("t", ("RUR", "FRE", "040"), active=True, in_include_list=True), True),
    ],
)
def test_which_records_can_be_scored(record, expected):
    assert scorable(record, load_codebook()) is expected


def test_misses_and_spurious_events_are_listed_with_their_sentence_and_rule():
    evaluation = evaluate_given(
        [
            (gold_record("Ruritania criticized Freedonia.", ("RUR", "FRE", "111")), []),
            (
                gold_record("Freedonia met Ruritania.", ("FRE", "RUR", "040")),
                [found("FRE", "RUR", "042", "Freedonia met Ruritania.")],
            ),
            (gold_record("Nothing happened."), [found("RUR", "FRE", "190", "Nothing happened.")]),
        ]
    )
    assert evaluation.missed == {"11": 1} and evaluation.spurious == {"19": 1}  # 042 is a meeting: matched at its root
    result = evaluation.as_dict(with_errors=True)
    assert result["by_root"] == {"11": {"missed": 1, "spurious": 0}, "19": {"missed": 0, "spurious": 1}}
    assert result["errors"] == [
        {"kind": "missed", "record": "Ruritania criticized Freedonia.", "sentence": "Ruritania criticized Freedonia.",
         "source": "RUR", "target": "FRE", "code": "111", "rule": None},
        {"kind": "spurious", "record": "Nothing happened.", "sentence": "Nothing happened.",
         "source": "RUR", "target": "FRE", "code": "190", "rule": "test rule -> 190"},
    ]  # fmt: skip
    assert "errors" not in evaluation.as_dict()


def test_each_record_is_coded_as_one_article_published_on_its_date_and_a_rejected_one_finds_nothing():
    coder = GivenEvents({"Ruritania met Freedonia.": [found("RUR", "FRE", "040")]})
    records = [
        gold_record("Ruritania met Freedonia.", ("RUR", "FRE", "040")),
        gold_record("Ruritania und Freedonia.", ("RUR", "FRE", "040")),
    ]
    evaluation = evaluate(records, coder)  # type: ignore[arg-type]
    assert [(a.doc_id, a.text, a.published, a.date_source) for a in coder.articles] == [
        (r.id, r.text, dt.date(2024, 1, 8), "input") for r in records
    ]
    exact = evaluation.levels["exact"]
    assert evaluation.records == 2 and (exact.true_positives, exact.false_negatives) == (1, 1)


@pytest.fixture
def given_coder(monkeypatch):
    """``tinkuy eval`` coding the gold records with ``GivenEvents``: the first record's meeting
    found, a meeting the gold omits, nothing for the other records."""
    texts = {r["id"]: r["text"] for r in GOLD}
    events = {
        texts["meet"]: [found("RUR", "FRE", "040", texts["meet"])],
        texts["spurious"]: [found("FRE", "RUR", "040", texts["spurious"])],
    }
    monkeypatch.setattr(api, "make_pipeline", lambda dictionaries, language: GivenEvents(events))


def test_eval_command_prints_the_figures_as_json_with_the_errors(given_coder, gold, capsys):
    assert main(["eval", str(gold), "--json", "--errors"]) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["records"] == len(GOLD)
    exact = result["levels"]["exact"]
    assert (exact["true_positives"], exact["false_positives"], exact["false_negatives"]) == (1, 1, 6)
    assert exact["precision"] == 0.5 and exact["recall"] == pytest.approx(1 / 7, abs=1e-4)
    assert [(e["kind"], e["record"]) for e in result["errors"]].count(("spurious", "spurious")) == 1


def test_eval_command_prints_a_table(given_coder, gold, capsys):
    assert main(["eval", str(gold)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "records scored: 6"
    assert lines[2].split() == ["exact", "0.500", "0.143", "0.222", "2", "7"]


# --- annotated articles

SENTENCE = "Ruritania recalled its ambassador from Freedonia on Monday."


def annotation(**fields: object) -> Annotation:
    values: dict[str, object] = {
        "doc_id": "raid",
        "sentence": SENTENCE,
        "source": "RURGOV",
        "target": "FRE",
        "codes": ("16",),
        "modality": "asserted",
        "attribution": "author",
    }
    return Annotation(**(values | fields))  # type: ignore[arg-type]


def article(doc_id: str, *events: Event) -> CodedArticle:
    text = " ".join(dict.fromkeys(e.sentence for e in events)) or "Nothing happened."
    return CodedArticle(Article(doc_id, doc_id, text), (), events)


def annotated(source="RURGOV", target="FRE", cameo="161", sentence=SENTENCE, doc_id="raid", **fields) -> Event:
    return found(source, target or None, cameo, sentence, doc_id, **fields)


def tallies(score, level="exact"):
    """(true positives, false positives, false negatives) at a level."""
    c = score.levels[level]
    return c.true_positives, c.false_positives, c.false_negatives


@pytest.mark.parametrize(
    ("event", "exact", "dyad", "root"),
    [
        (annotated(), (1, 0, 0), (1, 0, 0), (1, 0, 0)),
        (annotated(sentence="Ruritania  recalled its ambassador\nfrom Freedonia on Monday."), (1, 0, 0), (1, 0, 0), (1, 0, 0)),
        (annotated(source="RUR"), (0, 1, 1), (1, 0, 0), (1, 0, 0)),
        (annotated(target="FREGOV"), (0, 1, 1), (1, 0, 0), (1, 0, 0)),
        (annotated(target=""), (0, 1, 1), (0, 1, 1), (1, 0, 0)),
        (annotated(source="ARN"), (0, 1, 1), (0, 1, 1), (1, 0, 0)),
        (annotated(cameo="111"), (0, 1, 1), (0, 1, 1), (0, 1, 1)),
        (annotated(modality="future"), (0, 1, 1), (0, 1, 1), (0, 1, 1)),
        (annotated(sentence="Ruritania recalled its ambassador."), (0, 0, 1), (0, 0, 1), (0, 0, 1)),  # a sentence not annotated
    ],
)
def test_an_annotated_event_matches_on_sentence_actors_code_and_modality(event, exact, dyad, root):
    score = score_annotations([annotation()], [article("raid", event)])
    assert (tallies(score), tallies(score, "dyad"), tallies(score, "root")) == (exact, dyad, root)
    assert (score.articles, score.events) == (1, 1)


def test_a_modality_other_than_the_annotated_one_is_found_but_not_exact_when_both_are_unasserted():
    score = score_annotations([annotation(modality="future")], [article("raid", annotated(modality="hypothetical"))])
    assert (tallies(score), tallies(score, "dyad")) == ((0, 1, 1), (1, 0, 0))


def test_an_annotation_accepts_its_preferred_code_its_alternatives_and_any_code_of_a_bare_root():
    precise = annotation(codes=("1711", "171"))
    assert precise.accepts("1711") and precise.accepts("171") and not precise.accepts("172")
    assert annotation().accepts("161") and annotation().accepts("1661")


@pytest.mark.parametrize(
    ("date", "precision", "coded", "right"),
    [
        ("2024-04-05", "day", dt.date(2024, 4, 5), 1),
        ("2024-04-05", "day", dt.date(2024, 4, 6), 0),
        ("2024-04-01", "month", dt.date(2024, 4, 22), 1),
        ("2019-01-01", "year", dt.date(2018, 12, 31), 0),
    ],
)
def test_dates_are_scored_at_their_annotated_precision_on_the_events_found(date, precision, coded, right):
    score = score_annotations(
        [annotation(date=date, precision=precision)], [article("raid", dataclasses.replace(annotated(), date=coded))]
    )
    assert (score.dates.true_positives, score.dates.false_negatives) == (right, 1 - right)


def test_attributions_and_classes_are_counted_on_the_events_found():
    annotations = [annotation(classes=("phrase", "date")), annotation(target="ARN", attribution="named", classes=("phrase",))]
    score = score_annotations(annotations, [article("raid", annotated(), annotated(cameo="111", target="ARN"))])
    assert (score.attributions.true_positives, score.attributions.false_negatives) == (1, 0)
    assert score.annotated_by_class == {"phrase": 2, "date": 1} and score.found_by_class == {"phrase": 1, "date": 1}
    assert [m.annotation.target for m in score.missed] == ["ARN"] and len(score.missed[0].coded) == 2


def test_an_exhaustive_annotation_counts_every_event_of_its_articles_for_precision():
    events = [annotated(), annotated(sentence="Freedonia protested.", target="")]
    assert tallies(score_annotations([annotation()], [article("raid", *events)])) == (1, 0, 0)
    assert tallies(score_annotations([annotation()], [article("raid", *events)], exhaustive=True)) == (1, 1, 0)


def test_an_event_of_another_article_matches_nothing():
    score = score_annotations([annotation()], [article("raid"), article("other", annotated(doc_id="other"))])
    assert tallies(score) == (0, 0, 1)


def test_precision_counts_the_events_of_annotated_sentences_only():
    events = [annotated(), annotated(cameo="190"), annotated(sentence="Freedonia protested.", target="")]
    score = score_annotations([annotation()], [article("raid", *events)])
    assert tallies(score) == (1, 1, 0)


@pytest.mark.parametrize(
    ("events", "kept"),
    [
        ([], 1),
        ([annotated()], 1),  # the event annotated in the same sentence
        ([annotated(cameo="173")], 0),
        ([annotated(sentence="Freedonia protested.")], 1),
    ],
)
def test_an_absence_is_kept_when_its_sentence_yields_only_annotated_events(events, kept):
    absence = annotation(codes=(), note="no arrest")
    score = score_annotations([annotation(), absence], [article("raid", *events)])
    assert (score.events, score.absences, score.absences_kept) == (1, 1, kept)


def test_annotations_of_rejected_or_missing_articles_are_reported_apart_and_move_no_figure():
    results = [article("raid", annotated()), Rejection("espanol.txt", "unsupported_language", "looks like 'es'", "espanol")]
    alone = score_annotations([annotation()], results)
    spanish = [annotation(doc_id="espanol", sentence="Ruritania retiró a su embajador."), annotation(doc_id="espanol", codes=())]
    score = score_annotations([annotation(), *spanish, annotation(doc_id="lost")], results)
    assert dataclasses.replace(score, rejected={}, unread=()) == alone
    assert score.rejected == {"espanol": "unsupported_language"} and score.unread == ("lost",)


def test_annotations_are_read_with_their_absences(tmp_path):
    lines = [
        {"doc_id": "raid", "sentence": SENTENCE, "source": "RURGOV", "target": "FRE", "root": "16", "modality": "asserted", "attribution": "author", "note": "161"},
        {"doc_id": "raid", "sentence": "Related: more.", "source": "RUR", "target": "FRE", "expect": "absent", "modality": "asserted", "attribution": "author", "note": "a teaser"},
    ]  # fmt: skip
    path = tmp_path / "annotated.jsonl"
    path.write_text("\n".join(map(json.dumps, lines)) + "\n\n")
    assert read_annotations(path) == [annotation(), annotation(sentence="Related: more.", source="RUR", codes=())]
    path.write_text(json.dumps({k: v for k, v in lines[0].items() if k != "root"}) + "\n")  # an event needs its root
    with pytest.raises(UsageError, match="annotated.jsonl:1: not an annotated event"):
        read_annotations(path)


# --- the coder, end to end, held to floors

DEMO_FLOORS = {"exact": (0.293, 0.354), "dyad": (0.379, 0.458), "root": (0.474, 0.572)}
"""Precision and recall on ``tests/golden/demo_events.jsonl`` today (``python bench/accuracy.py``
reports them): a change that lowers one fails here, and must lower the floor and say why. The recall
floors were lowered when the demo's three Spanish articles (29 annotated events) began to be coded and
scored: the Spanish coder finds fewer of its events than the English one of the English events."""


@pytest.mark.model
def test_the_demo_corpus_keeps_its_accuracy_on_its_annotated_events(pipeline):
    score = evaluate_annotations([GOLDEN / "demo_events.jsonl"], [data_path("demo")], pipeline)
    for level, (precision, recall) in DEMO_FLOORS.items():
        assert score.levels[level].precision >= precision and score.levels[level].recall >= recall, (level, score.levels[level])
    assert score.absences_kept >= 5 and score.attributions.true_positives >= 19
    # the Spanish articles are coded and scored with the English ones
    assert not score.rejected
    assert score.articles >= 14 and not score.unread


@pytest.mark.model
def test_eval_with_the_teams_dictionaries_finds_what_they_code(dictionaries, gold):
    pipeline = api.make_pipeline(dictionaries)
    records = read_gold(gold)
    assert all(scorable(r, pipeline.knowledge.codebook) for r in records)
    evaluation = evaluate(records, pipeline)
    exact = evaluation.levels["exact"]
    assert exact.precision >= 6 / 7 and exact.recall >= 6 / 7  # all but a verb the dictionary lacks, and a meeting the gold omits
    spurious = [e for e in evaluation.errors if e.kind == "spurious"]
    assert all(e.rule and e.rule.startswith("test.verbs.txt:") for e in spurious)


@pytest.mark.model
@pytest.mark.shared
def test_the_petrarch2_unit_tests_with_their_dictionaries(shared):
    folder = shared / "data" / "petrarch2_validation_dictionaries"
    pipeline = api.make_pipeline([folder / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "verbs")])
    gold = [r for r in read_gold(shared / "data" / "petrarch2_validation.jsonl") if scorable(r, pipeline.knowledge.codebook)]
    assert evaluate(gold, pipeline).levels["root_dyad"].f1 >= 0.70
