"""What an article has told before a sentence: the acts it coded, and who did them.

News names an act again by a noun ("Mexico broke off relations after police stormed
its embassy ... Brazil condemned the incursion"; "Argentina regretted the decision"),
and whoever did that act is the one the new act is about. ``ArticleMemory`` keeps the
acts coded in the sentences before and finds the one a noun names, the latest first:

- an act told by the same word ("raided" ... "the raid");
- else an act of a root the noun's own patterns code ("the incursion", an attack: 190);
- else an act of the QuadClass the noun's patterns have ("the incursion" after a raid, 171);
- for a word that names any act (cue kind ``act`` in ``cues.tsv``: "decision", "move",
  "measure"), the latest act.

Acts of the actors the new act comes from are passed over: one protests another's
decision, not one's own. A passive that says not by whom an act was done ("Glas was
detained"), and a gathering an act is done to ("dispersed the march"), are recalled the
same way, by word or root only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..actors.mentions import Found
from ..actors.resolve import UNKNOWN_OWNER
from .codebook import Codebook
from .cues import Cues
from .patterns import Patterns


@dataclass(frozen=True, slots=True)
class Told:
    """An act an earlier sentence coded: its word, its code, who did it."""

    lemma: str
    code: str
    quad_class: int
    actor: Found
    sentence: int


class ArticleMemory:
    """The acts of one article's earlier sentences; one instance per article."""

    def __init__(self, patterns: Patterns, codebook: Codebook, cues: Cues) -> None:
        self.patterns = patterns
        self.codebook = codebook
        self.cues = cues
        self.told: list[Told] = []
        self._sentence = -1
        self._pending: list[Told] = []

    def start_sentence(self, number: int) -> None:
        """Acts told in a sentence are remembered from the next one on."""
        self.told += self._pending
        self._pending = []
        self._sentence = number

    def tell(self, anchor: Token, code: str, actor: Found) -> None:
        self._pending.append(Told(anchor.lemma_.lower(), code, self.codebook[code].quad_class, actor, self._sentence))

    def names_an_act(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        return self.cues.has(lemma, "act") or lemma in self.patterns.nouns

    def actor_of(self, noun: Token, sources: Sequence[Found]) -> list[Found]:
        """The actor of the earlier act a noun names, as referred to by the noun; none when no act fits."""
        lemma = noun.lemma_.lower()
        if self.cues.has(lemma, "act"):
            return self._recalled(noun, sources, [("the latest act", lambda t: True)])
        codes = [p.code for p in self.patterns.nouns.get(lemma, ())]
        quads = {self.codebook[c].quad_class for c in codes}
        tiers = [*self._kin(lemma, codes), ("an act of the same class", lambda t: t.quad_class in quads)]
        return self._recalled(noun, sources, tiers)

    def kin_actor(self, word: Token, codes: Sequence[str], others: Sequence[Found]) -> list[Found]:
        """The actor of the latest earlier act of a word's lemma or of the roots of ``codes``,
        other than ``others``: who did an act a passive states without saying by whom ("Glas
        was detained"), who held the march an act is done to."""
        return self._recalled(word, others, self._kin(word.lemma_.lower(), codes))

    @staticmethod
    def _kin(lemma: str, codes: Sequence[str]) -> list[tuple[str, Callable[[Told], bool]]]:
        roots = {c[:2] for c in codes}
        return [
            ("an act told by the same word", lambda t: t.lemma == lemma),
            ("an act of the kind it names", lambda t: t.code[:2] in roots),
        ]

    def _recalled(self, word: Token, others: Sequence[Found], tiers: Sequence[tuple[str, Callable[[Told], bool]]]) -> list[Found]:
        own = {_identity(s) for s in others if s.owner.referents != (UNKNOWN_OWNER,)}
        earlier = [t for t in reversed(self.told) if _identity(t.actor) not in own]
        for how, fits in tiers:
            told = next((t for t in earlier if fits(t)), None)
            if told is not None:
                via = f"'{word.text}' recalls {how}: '{told.lemma}' ({told.code}) in sentence {told.sentence}, by its actor"
                return [told.actor.referring(word.i, word.i + 1, via)]
        return []


def _identity(found: Found) -> tuple[object, ...]:
    """Who an actor is, for telling one actor from another: what it names, and its sector."""
    return (found.owner.referents, found.agent.agent.sector if found.agent else None)
