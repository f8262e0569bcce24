"""PETRARCH dictionaries read as they are, and `tinkuy eval` scoring gold records with them.

The dictionaries and records here are written for these tests, with countries of fiction.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tinkuy import api
from tinkuy.cli import EXIT_OK, main
from tinkuy.dictionaries.actors import read_actor_dictionary
from tinkuy.dictionaries.agents import read_agent_dictionary
from tinkuy.dictionaries.verbs import read_verb_dictionary
from tinkuy.evaluate import evaluate, read_gold, scorable

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

--- AGREE  [030] ---
AGREE
- % *  [057:057]

--- POSTPONE  [161]  [031:031] ---
POSTPONE
- % HAVE *  [164]
- NEITHER *  [111]
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


def test_verb_dictionary_patterns_before_and_after_the_verb(dictionaries):
    rules, skipped = read_verb_dictionary(dictionaries[2])
    by_verb = {(r.verb, r.code): r for r in rules}
    assert {r.preps for r in rules if r.verb == "meet"} == {frozenset(), frozenset({"with"})}
    assert by_verb[("agree", "057")].mutual and by_verb[("agree", "057")].reverse == "057"
    postponed = by_verb[("postpone", "164")]
    assert postponed.mutual and postponed.auxiliaries == {"have"}
    assert ("postpone", "161") in by_verb  # a header with a second code block is still read
    assert skipped == 1  # "NEITHER *": a word before the verb that is no auxiliary


@pytest.mark.model
def test_eval_scores_three_levels_with_the_teams_dictionaries(dictionaries, gold):
    pipeline = api.make_pipeline(dictionaries)
    records = read_gold(gold)
    assert all(scorable(r, pipeline.knowledge.codebook) for r in records)
    evaluation = evaluate(records, pipeline)
    # found: meet, dated, members x2, mutual x2 and the spurious meeting; missed: the criticism
    exact = evaluation.levels["exact"]
    assert (exact.true_positives, exact.false_positives, exact.false_negatives) == (6, 1, 1)
    assert exact.precision == exact.recall == pytest.approx(6 / 7)
    assert evaluation.missed == {"11": 1} and evaluation.spurious == {"04": 1}


@pytest.mark.model
def test_eval_command_prints_json_with_errors_and_their_rules(dictionaries, gold, capsys):
    assert main(["eval", str(gold), "--actors", *map(str, dictionaries), "--json", "--errors"]) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["records"] == len(GOLD)
    assert set(result["levels"]) == {"exact", "root_dyad", "root"}
    assert result["levels"]["root"]["f1"] == pytest.approx(6 / 7, abs=1e-4)
    errors = {(e["kind"], e["record"]): e for e in result["errors"]}
    assert set(errors) == {("missed", "missed"), ("spurious", "spurious")}
    assert errors[("spurious", "spurious")]["rule"].startswith("test.verbs.txt:")
    assert errors[("missed", "missed")]["sentence"] == "Ruritania criticized Freedonia."


@pytest.mark.model
def test_eval_command_prints_a_table(dictionaries, gold, capsys):
    assert main(["eval", str(gold), "--actors", *map(str, dictionaries)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "records scored: 6" in out and "root_dyad" in out and "0.857" in out


@pytest.mark.model
@pytest.mark.shared
def test_the_petrarch2_unit_tests_with_their_dictionaries(shared):
    folder = shared / "data" / "petrarch2_validation_dictionaries"
    pipeline = api.make_pipeline([folder / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "verbs")])
    gold = [r for r in read_gold(shared / "data" / "petrarch2_validation.jsonl") if scorable(r, pipeline.knowledge.codebook)]
    assert evaluate(gold, pipeline).levels["root_dyad"].f1 >= 0.70
