"""Discourse through the real model, on short articles written for these tests: quoted
paragraphs, people named again, descriptions that refer back, and how far an account's
sourcing reaches."""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.model import Article, CodedArticle, Event

pytestmark = pytest.mark.model

MONDAY = dt.date(2024, 4, 8)


@pytest.fixture(scope="module")
def code(pipeline):
    def events(text: str) -> list[Event]:
        (result,) = pipeline.run([Article.from_text(text, "t", "t", published=MONDAY)])
        assert isinstance(result, CodedArticle)
        return list(result.events)

    return events


def test_a_quoted_paragraph_speaks_for_its_speaker(code):
    events = code(
        'MEXICO CITY - Mexico broke off relations with Ecuador on Saturday.\n\n"What happened is unacceptable," '
        'Foreign Minister Alicia Bárcena said. "We will take Ecuador to the International Court of Justice."'
    )
    (threat,) = [e for e in events if e.sentence.startswith('"We will take') and e.root == "13"]
    assert (threat.source.code, threat.target.code) == ("MEXGOV", "ECU")
    assert threat.attribution.type == "author"  # her own threat, which the article reports as made


def test_a_person_introduced_by_role_keeps_that_role_when_named_again_and_as_he(code):
    events = code(
        "NIAMEY - Niger's military rulers closed the country's airspace on Sunday.\n\n"
        "A spokesman for Niger's junta, Colonel Amadou Abdramane, read a statement on television. "
        "Later, Abdramane accused France of plotting an invasion. He warned Nigeria against any attack."
    )
    accusation = next(e for e in events if e.root == "11")
    assert (accusation.source.name, accusation.target.code) == ("Amadou Abdramane", "FRA")
    warning = next(e for e in events if e.root == "13")
    assert warning.source.name == "Amadou Abdramane"


def test_an_anonymous_account_carries_through_its_paragraph_but_not_into_the_next(code):
    events = code(
        "LIMA, April 8 (Andes Wire) - Peru expelled Bolivia's ambassador on Monday in a dispute over a border incident.\n\n"
        "According to a Peruvian official who asked not to be named, Bolivian troops crossed the border near Puno "
        "on Saturday. They detained two Peruvian farmers.\n\n"
        "Bolivia expelled Peru's ambassador in return."
    )
    detention = next(e for e in events if e.cameo == "173")
    assert detention.attribution.type == "anonymous" and any("carried" in n for n in detention.evidence.notes)
    expulsions = [e for e in events if e.cameo == "161"]
    assert {e.attribution.type for e in expulsions} == {"author"}


def test_an_anonymous_account_that_opens_the_lead_frames_the_story(code):
    events = code(
        "According to sources who spoke on condition of anonymity, Peruvian police arrested two Bolivian activists in "
        "Puno on Sunday.\n\nBolivia expelled Peru's ambassador on Monday."
    )
    assert {e.attribution.type for e in events} == {"anonymous"}


def test_a_dismissed_accusation_answers_whoever_made_it(code):
    events = code(
        "LA PAZ - General Juan Zúñiga was arrested on Wednesday. As he was led away, he claimed that President Luis Arce "
        "had asked him to stage the operation.\n\nPresidency Minister María Nela Prada dismissed the accusation as a lie."
    )
    denial = next(e for e in events if e.cameo == "016")
    assert denial.target is not None and denial.target.name == "Juan Zúñiga"
    request = next(e for e in events if e.root == "02")
    assert (request.attribution.type, request.attribution.text) == ("named", "General Juan Zúñiga")
