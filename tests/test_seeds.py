"""Acceptance on the five seed articles: the events a reader must get, and none from page furniture."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from tinkuy import api
from tinkuy.evaluate import check_expectation
from tinkuy.event_records import event_json_schema, event_to_dict
from tinkuy.model import CodedArticle

from .conftest import GOLDEN, read_jsonl

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed_events(shared, pipeline):
    results = list(api.code_paths([shared / "seeds"], pipeline=pipeline))
    assert all(isinstance(r, CodedArticle) for r in results)
    return [event_to_dict(e) for r in results for e in r.events]


def find(events, doc, sentence_part, **conditions):
    def matches(event):
        if event["doc_id"] != doc or sentence_part not in event["sentence"]:
            return False
        return all(check(event) for check in conditions.values())

    return [e for e in events if matches(e)]


def test_every_event_validates_against_the_schema(seed_events):
    schema = event_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for event in seed_events:
        jsonschema.validate(event, schema, format_checker=jsonschema.FormatChecker())
    assert len(seed_events) > 10


def test_pompeo_meets_moreno_on_saturday_20_july_2019(seed_events):
    found = find(
        seed_events,
        "004_5b27f7baedfcc7bd",
        "Pompeo met Saturday with Ecuador",
        dyad=lambda e: (e["source"]["name"], e["target"]["name"]) == ("Mike Pompeo", "Lenín Moreno"),
        codes=lambda e: (e["source"]["code"], e["target"]["code"], e["root"]) == ("USAGOV", "ECUGOV", "04"),
    )
    assert found and {(e["date"], e["date_precision"]) for e in found} == {("2019-07-20", "day")}


def test_blinken_speaks_with_lasso(seed_events):
    found = find(
        seed_events,
        "003_5a00022fb1cfdec3",
        "spoke by telephone on Friday",
        dyad=lambda e: (e["source"]["name"], e["target"]["name"]) == ("Antony Blinken", "Guillermo Lasso"),
        root=lambda e: e["root"] == "04",
    )
    assert found


@pytest.mark.parametrize("sector", ["ECUCOP", "ECUMIL"])
def test_ecuadorian_police_and_military_storm_the_mexican_embassy(seed_events, sector):
    found = find(
        seed_events,
        "002_67cb1c65146480c7",
        "Ecuadorian police and military storm Mexican Embassy",
        dyad=lambda e: e["source"]["code"] == sector and e["target"]["code"] == "MEXGOV",
        root=lambda e: e["root"] in ("17", "18"),
        asserted=lambda e: e["modality"] == "asserted",
    )
    assert found


def test_the_cia_shares_information_with_ecuador_on_anonymous_sources(seed_events):
    found = find(
        seed_events,
        "002_67cb1c65146480c7",
        "the CIA station in Quito shared with the government of Ecuador",
        dyad=lambda e: e["source"]["code"] == "USASPY" and e["target"]["code"].startswith("ECU"),
        root=lambda e: e["root"] == "06",
    )
    assert found and all(e["attribution"]["type"] == "anonymous" for e in found)


def test_every_plainly_stated_event_of_the_golden_file_is_found(seed_events):
    plain = [g for g in read_jsonl(GOLDEN / "seed_events.jsonl") if g.get("plain") is True]
    assert len(plain) >= 14
    missed = [o for o in (check_expectation(g, seed_events) for g in plain) if not o.met]
    assert not missed, [(o.expectation["sentence_contains"], o.found) for o in missed]


def test_no_event_comes_from_page_furniture(seed_events):
    absent = [g for g in read_jsonl(GOLDEN / "seed_events.jsonl") if g.get("expect") == "absent"]
    assert absent
    for gold in absent:
        assert not find(seed_events, gold["doc_id"], gold["sentence_contains"]), gold["note"]


def test_dates_come_from_the_clause_not_only_the_article(seed_events):
    granted = find(seed_events, "000_8a4f3b0a4c4dd79c", "granted Assange asylum in 2012")
    for event in granted:
        assert (event["date"], event["date_precision"]) == ("2012-01-01", "year")


def test_assumed_date_dates_undated_articles(shared, pipeline):
    results = api.code_paths([shared / "seeds" / "003_5a00022fb1cfdec3.txt"], date="2021-04-17", pipeline=pipeline)
    (coded,) = [r for r in results if isinstance(r, CodedArticle)]
    assert coded.article.published == dt.date(2021, 4, 17) and coded.article.date_source == "assumed"
    friday = [e for e in coded.events if "spoke by telephone on Friday" in e.sentence]
    assert friday and {e.date for e in friday} == {dt.date(2021, 4, 16)}
