"""Which kind a PETRARCH dictionary is: named by the caller, or decided by the one rule in ``kinds``.

The reader of each kind is tested in test_evaluate.py, on the dictionaries `tinkuy eval` codes with there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tinkuy.coding.extract import Knowledge
from tinkuy.dictionaries import Dictionaries, kind_of

ACTORS = "RURITANIA_  [RUR]\nRUDOLF_ELPHBERG_\n    [RURGOV 19200101 - 19301231]\n"
AGENTS = "!MINISTER! = MINISTER, MINISTERS\nFOREIGN_!MINISTER!  [~GOVFRM]\nHUMAN_RIGHTS_GROUP  [NGO~]\n"
VERBS = "--- MEET  [040] ---\nMEET\n- * WITH  [040]\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (ACTORS, "actors"),
        (AGENTS, "agents"),
        (VERBS, "verbs"),
        ("# verbs below\n" + VERBS + "RURITANIA_ [~GOV]\n", "verbs"),  # a verb block header decides, whatever the codes
        ("POLICE [~COP]\nARMY [~MIL]\nRURITANIA_ [RUR]\n", "agents"),  # most codes carry ~
        ("POLICE [~COP]\nRURITANIA_ [RUR]\n", "actors"),  # half is not more than half
        ("<!-- [~A] [~B] [~C] -->\nRURITANIA_ [RUR]\n", "actors"),  # codes in a comment do not count
        ("", "actors"),
        ("\n" * 4000 + VERBS, "actors"),  # a header is looked for in the first 4,000 lines only
    ],
)
def test_the_content_decides_the_kind(tmp_path, text, kind):
    assert kind_of(write(tmp_path, "PETR.actors.txt", text)) == kind  # the file name says nothing


def test_files_given_together_are_sorted_by_kind_in_their_order(tmp_path):
    verbs, actors, agents, more_actors = (
        write(tmp_path, name, text)
        for name, text in (("CAMEO.2.0.txt", VERBS), ("a.txt", ACTORS), ("b.txt", AGENTS), ("c.txt", ACTORS))
    )
    assert Dictionaries.by_content([verbs, actors, agents, more_actors]) == Dictionaries(
        actors=(actors, more_actors), agents=(agents,), verbs=(verbs,)
    )


def test_a_kind_named_by_the_caller_is_read_as_that_kind(tmp_path):
    agents = write(tmp_path, "roles.txt", "POLICE [~COP]\nRURITANIAN_ROYAL_GUARD [RURMIL]\n")  # half: the rule says actors
    assert kind_of(agents) == "actors"
    knowledge = Knowledge.bundled(Dictionaries(agents=(agents,)))
    assert set(knowledge.gazetteer.agents) == {("police",), ("ruritanian", "royal", "guard")}
    assert knowledge.embedding  # no verb dictionary: the bundled patterns, and their embeddings
