"""Names beside codes, and codes for names: every part of an actor code is named, and names find codes."""

from __future__ import annotations

import pytest

from tinkuy.names import fold, load_vocabulary


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("MEX", "Mexico"),
        ("ECUGOV", "Ecuador: government"),
        ("USASPY", "United States: intelligence"),  # the CIA and the NSA share the code: named by its parts
        ("---MIL", "unknown country: military"),
        ("IGOUNO", "United Nations"),
        ("IGOUNOJUDICJ", "International Court of Justice"),
        ("IGOWAFWAS", "Economic Community of West African States"),
        ("USAPRI", "Puerto Rico"),  # a country code of two parts
        ("ECUGOVJUD", "Ecuador: government, judiciary"),
        ("PSEREBHMS", "Hamas"),  # a part with no name of its own: the organisation's name
        ("EUR", "Europe"),
        ("NGO", "non-governmental organisation"),
        ("ECUXYZ", "Ecuador: XYZ"),  # an unknown role stays as written
    ],
)
def test_every_code_is_named_part_by_part(vocabulary, code, name):
    assert vocabulary.actor_name(code) == name


def test_names_find_their_codes_whatever_the_accents_and_case(vocabulary):
    assert vocabulary.find("Mexico")[0].code == "MEX"
    assert vocabulary.find("mexic")[0].code == "MEX"
    moreno = {known.code: known for known in vocabulary.find("lenin moreno") if known.name == "Lenín Moreno"}
    assert "President of Ecuador (2017–2021)" in moreno["ECUGOV"].note
    assert vocabulary.find("ECOWAS")[0].code == "IGOWAFWAS"
    assert vocabulary.find("UN")[0].code == "IGOUNO"  # an exact alias before words that begin with it


def test_a_name_is_found_only_where_a_word_begins(vocabulary):
    assert not any(known.code == "MEX" for known in vocabulary.find("exico"))
    assert vocabulary.find("  ") == []


def test_folding_drops_accents_case_and_extra_space():
    assert fold("  Lenín   MORENO ") == "lenin moreno"
    assert fold("Bogotá") == "bogota"
