"""Actor resolution: names, role words with their owners, and people's codes by date."""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.actors.resolve import ActorIndex

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resolve(parser, gazetteer):
    """The code of the actor headed by ``word`` in ``text`` on ``day``."""

    def code(text: str, word: str, day: dt.date | None = None) -> str | None:
        doc = next(parser.pipe([text]))
        index = ActorIndex(doc, gazetteer)
        head = next(t for t in doc if t.text == word)
        found = index.find(head)
        coded = found[0].actor_on(doc, day) if found else None
        return coded.actor.code if coded else None

    return code


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Ecuadorian police entered the building.", "police", "ECUCOP"),
        ("Mexico's embassy issued a statement.", "embassy", "MEXGOV"),
        ("The embassy of Mexico issued a statement.", "embassy", "MEXGOV"),
        ("The government of Ecuador issued a statement.", "government", "ECUGOV"),
        ("The U.S. Secretary of State issued a statement.", "Secretary", "USAGOV"),
        ("Peruvian soldiers crossed the river.", "soldiers", "PERMIL"),
        ("Washington issued a statement.", "Washington", "USAGOV"),
        ("The Kremlin issued a statement.", "Kremlin", "RUSGOV"),
        ("The United Nations issued a statement.", "Nations", "IGOUNO"),
        ("Ecuador issued a statement.", "Ecuador", "ECU"),
        ("The head of U.S. diplomacy issued a statement.", "head", "USAGOV"),
        ("The economy grew.", "economy", None),
        ("Judge Carla Ostos spoke.", "Ostos", "---JUD"),  # an unknown person: the title's role, no country
        ("Mercosur Secretary General Ana Vidal spoke.", "Vidal", "IGOSAMMRC"),
        ("Palestinian prisoners rioted.", "prisoners", "PSECVL"),
        ("Iraqi Kurds demonstrated.", "Kurds", "IRQ"),  # no role word: the people of their country
        ("Dozens of Bolivian miners marched.", "Dozens", "BOLLAB"),
        ("One third of the Colombian soldiers left.", "third", "COLMIL"),
        ("The Andean country issued a statement.", "country", None),
        ("Peru said its Chilean counterpart would attend.", "counterpart", "CHL"),  # a name before a pronoun
        ("Crowds filled Plaza Murillo.", "Murillo", None),  # a person's name ending a longer name
        ("A Nigerian-led coalition crossed the border.", "coalition", "NGA"),  # who leads it
        ("A detachment of Chilean marines landed.", "detachment", "CHLMIL"),  # what a unit is made of
        ("Vice President Murillo spoke.", "Murillo", "NICPTY"),  # with no date, her undated role
    ],
)
def test_names_and_role_words_with_their_owners(resolve, text, word, code):
    assert resolve(text, word) == code


def test_conjoined_role_words_share_their_owner(parser, gazetteer):
    doc = next(parser.pipe(["Ecuadorian police and soldiers entered the building."]))
    index = ActorIndex(doc, gazetteer)
    codes = [f.actor_on(doc, None).actor.code for t in doc if t.text in ("police", "soldiers") for f in index.find(t)]
    assert codes == ["ECUCOP", "ECUMIL"]


@pytest.mark.parametrize(
    ("day", "code"),
    [(dt.date(2010, 6, 1), "ECUGOV"), (dt.date(2019, 7, 20), "ECUGOV"), (dt.date(2022, 1, 1), "ECUELI")],
)
def test_moreno_is_government_only_while_in_office(resolve, day, code):
    # Vice president 2007-2013, president 2017-05-24 to 2021-05-24, a former official after.
    assert resolve("Lenín Moreno spoke.", "Moreno", day) == code


@pytest.mark.parametrize(("day", "code"), [(dt.date(2017, 2, 19), "ECUOPP"), (dt.date(2022, 3, 1), "ECUGOV")])
def test_lasso_is_a_candidate_in_2017_and_president_in_2022(resolve, day, code):
    assert resolve("Guillermo Lasso spoke.", "Lasso", day) == code


def test_a_bare_surname_names_the_person_the_article_names_in_full(resolve):
    text = "Lenín Moreno arrived. Later Moreno spoke."
    assert resolve(text, "Moreno", dt.date(2019, 7, 20)) == "ECUGOV"


def test_the_person_named_outranks_the_title_before_the_name(resolve):
    assert resolve("U.S. Secretary of State Mike Pompeo spoke.", "Pompeo", dt.date(2019, 7, 20)) == "USAGOV"
    assert resolve("U.S. Secretary of State Mike Pompeo spoke.", "Pompeo", dt.date(2017, 6, 1)) == "USASPY"


@pytest.mark.parametrize("day", [None, dt.date(2015, 3, 1)])
def test_a_person_no_role_covers_is_coded_by_the_country_of_all_their_roles(resolve, day):
    # Ronald Reagan's roles are all American, and none is undated or reaches 2015.
    assert resolve("Ronald Reagan spoke.", "Reagan", day) == "USA"
    assert resolve("Ronald Reagan spoke.", "Reagan", dt.date(1985, 1, 1)) == "USAGOV"
