"""Agent dictionaries in the PETRARCH/TABARI format: role words and the codes they add to an actor's.

::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      a substitution set
    FOREIGN_MINISTER [~GOVFRM]                     ~CODE: added after the actor's code
    HUMAN_RIGHTS_BODY  [NGO~]                      CODE~: put before the actor's code
    CONGRESS!PERSON! [~LEG]                        expands to CONGRESSMAN, CONGRESSMEN, ...
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    explicit plural forms
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .syntax import CODE_BLOCK, NULL_CODES, read_dictionary, strip_comments

_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One form of a role word (each substitution and plural is an entry of its own) and its code."""

    phrase: tuple[str, ...]
    code: str
    before_actor: bool
    """``CODE~``: the agent code goes before the actor's code."""


def read_agent_dictionary(path: Path) -> list[AgentEntry]:
    """The entries of a PETRARCH agent dictionary, with substitutions and plurals expanded."""
    macros: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, line in enumerate(strip_comments(read_dictionary(path)), 1):
        stripped = line.strip()
        macro = _MACRO.match(stripped)
        if macro:
            macros[macro[1]] = [w.strip() for w in macro[2].split(",") if w.strip()]
            continue
        codes = CODE_BLOCK.findall(stripped)
        if not codes:
            continue
        code = codes[0].replace(" ", "")
        if not code.strip("~") or code.strip("~") in NULL_CODES:
            continue
        phrase_part = CODE_BLOCK.sub("", stripped)
        plurals = re.findall(r"\{([^}]*)\}", phrase_part)
        phrase = re.sub(r"\{[^}]*\}", "", phrase_part).strip()
        forms = [phrase, *(p for group in plurals for p in group.split())]
        for form in forms:
            for expanded in _expand_macros(form, macros):
                words = tuple(w.lower() for w in re.split(r"[_\s]+", expanded) if w)
                if words:
                    entries.append(AgentEntry(words, code.strip("~"), code.endswith("~") and not code.startswith("~")))
        if not forms:
            raise DataError(f"{path.name}:{number}: an agent code with no phrase")
    return entries


def _expand_macros(form: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", form)
    if match is None:
        return [form]
    return [
        expanded
        for value in macros.get(match.group(0), [match.group(0).strip("!")])
        for expanded in _expand_macros(form[: match.start()] + value + form[match.end() :], macros)
    ]
