"""Which capitalised words of a text are place names, and what the words around each say of it.

Within each run of capitalised words the longest stretch the gazetteer knows is
a name, then the next. A name is set aside, with the reason, when the actor
dictionaries name a person or organisation there ("Morales" is Evo Morales),
when it is part of a longer capitalised name ("Chad Morrison", "Daniel Ortega",
"Barcelona SC"), a word listed as never a place on its own (a month, "Police",
a function word), or an acronym ("FARC"). For each name the finder reads:

- ``feature``: words before or after it that say what it is: a division
  ("the province of Mendoza", "estado Mérida", "the Araucanía region"), a
  populated place ("the port city of Colón"), or, after a name and a comma, a
  country or division qualifying it ("unit": "JULIACA, Puno");
- ``qualifier``: the countries or divisions a comma puts after it ("Trujillo,
  Peru", "Paris, Texas", "CÓRDOBA, Ver.").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .gazetteer import Named, Place
from .mentions import Cues, Dateline, Mention, Stretch, word_after, word_before, words_before
from .names import name_key


@dataclass(frozen=True, slots=True)
class Name:
    """A place name found in the text, with its candidates and what the words around it say."""

    mention: Mention
    key: str
    named: tuple[Named, ...]
    feature: str | None = None
    qualifier: tuple[Named, ...] = ()
    dateline: bool = False

    @property
    def places(self) -> list[Place]:
        return [n.place for n in self.named]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A name the gazetteer knows that the text does not use as a place, and why."""

    text: str
    start: int
    end: int
    reason: str


class NameFinder:
    """Finds the names of one text, given what the gazetteer knows of its candidate keys."""

    def __init__(
        self, text: str, found: Mapping[str, tuple[Named, ...]], cues: Cues, people: Mapping[tuple[int, int], str] | None = None
    ) -> None:
        self.text, self.found, self.cues, self.people = text, found, cues, people or {}

    def names(
        self, runs: Sequence[list[Stretch]], fixed: Sequence[Mention], dateline: Dateline | None
    ) -> tuple[list[Name], list[Rejected]]:
        """The names of the text: the ``fixed`` mentions (the dateline's, then spans a caller gives),
        then the longest known stretches of each run (given as its stretches); and the names set aside."""
        outcomes = [self.judge(m, fixed=True, dateline=dateline is not None and i == 0) for i, m in enumerate(fixed)]
        covered = [(m.start, m.end) for m in fixed]
        for run in runs:
            outcomes += self._in_run(run, covered)
        names = sorted((o for o in outcomes if isinstance(o, Name)), key=lambda n: n.mention.start)
        names = [self._as_qualifier(name, before) for before, name in zip([None, *names], names, strict=False)]
        return names, [o for o in outcomes if isinstance(o, Rejected)]

    def _in_run(self, run: Sequence[Stretch], covered: list[tuple[int, int]]) -> list[Name | Rejected | None]:
        """Left to right, the longest stretch the gazetteer knows, then the next after it."""
        outcomes: list[Name | Rejected | None] = []
        after = 0
        for first, last, start, end, key in run:
            if first < after or key not in self.found or any(s < end and start < e for s, e in covered):
                continue
            outcome = self.judge(Mention(self.text[start:end], start, end))
            if outcome is not None:
                outcomes.append(outcome)
                after = last + 1
        return outcomes

    def places(self, m: Mention) -> tuple[Named, ...]:
        return tuple(n for n in self.found.get(name_key(m.text), ()) if n.how != "abbreviation")

    def judge(self, m: Mention, fixed: bool = False, dateline: bool = False) -> Name | Rejected | None:
        """The name, or why it is not one; None when the gazetteer does not know it. A ``fixed`` name
        (a dateline, a span the caller gives) is not taken for an acronym."""
        named = self.places(m)
        if not named:
            return None
        person = next((who for (start, end), who in self.people.items() if start <= m.start and m.end <= end), None)
        if person is not None:
            return Rejected(m.text, m.start, m.end, f"'{m.text}' names {person}")
        after, before = word_after(self.text, m.end), word_before(self.text, m.start)
        longer = self._longer_name(m, after, before)
        if longer:
            return Rejected(m.text, m.start, m.end, f"part of the longer name '{longer}'")
        if " " not in m.text and self.cues.has("not_place", m.text.rstrip(".")):
            return Rejected(m.text, m.start, m.end, f"'{m.text}' is listed as never a place on its own")
        if (
            not fixed
            and m.text.isupper()
            and sum(c.isalpha() for c in m.text) <= 6
            and not any(n.place.feature == "country" for n in named)
        ):
            return Rejected(m.text, m.start, m.end, f"'{m.text}' is an acronym")
        return Name(m, name_key(m.text), named, self._feature(m, after), self._qualifier(m), dateline)

    def _longer_name(self, m: Mention, after: str | None, before: str | None) -> str | None:
        """The longer capitalised name a match is part of, if it is: a capitalised word joined to it
        (``after`` or ``before`` it) that is neither one that may follow a place name ("Guayaquil
        Mayor") nor one that may precede it ("In", "Northern")."""
        if after and after[:1].isupper() and not self.cues.has("name_follower", after.rstrip(".")):
            return f"{m.text} {after.rstrip('.')}"
        if before and before[:1].isupper() and not before.endswith(".") and not self.cues.has("name_preceder", before):
            return f"{before} {m.text}"
        return None

    def _feature(self, m: Mention, after: str | None) -> str | None:
        if after and not after[:1].isupper():
            for kind in ("division", "place"):
                if self.cues.has(f"{kind}_after", after.rstrip(".,")):
                    return kind
        before = words_before(self.text, m.start)
        cue = self.cues.ending(("division_before", "place_before"), before) if before else None
        return cue.removesuffix("_before") if cue else None

    def _qualifier(self, m: Mention) -> tuple[Named, ...]:
        """The countries or divisions written after a name and a comma: "Trujillo, Peru", "CÓRDOBA, Ver."."""
        rest = self.text[m.end : m.end + 60]
        comma = rest.find(",")
        if comma < 0 or rest[:comma].strip(" .") or not rest[comma + 1 :].lstrip()[:1].isupper():
            return ()
        words = rest[comma + 1 :].split()
        for n in range(min(4, len(words)), 0, -1):
            named = self.found.get(name_key(" ".join(words[:n]).rstrip(",;:—–-")), ())
            units = tuple(x for x in named if x.place.feature != "place")
            if units:
                return units
        return ()

    def _as_qualifier(self, name: Name, before: Name | None) -> Name:
        """A name that qualifies the one before it ("Trujillo, Peru") is a country or a division."""
        if before is None or name.feature is not None or self.text[before.mention.end : name.mention.start].strip(" .") != ",":
            return name
        return Name(name.mention, name.key, name.named, "unit", name.qualifier, name.dateline)
