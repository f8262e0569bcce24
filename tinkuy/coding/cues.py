"""Cue words (who says it, whether it happened, how sure), embedding codes, the
roots that need no target, the roots that judge another act, and the sub-codes an
act takes by its topic.

Read from ``data/coding/cues.tsv``, ``embedding.tsv``, ``targetless.tsv``,
``judging.tsv``, ``default_targets.tsv``, ``default_sources.tsv``, ``topics.tsv`` and ``made_by.tsv``; see
their headers for what
each holds.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..datafiles import data_path, read_table, split_list
from ..errors import DataError
from .codebook import Codebook
from .patterns import expand, read_wordsets

EMBEDDING_KINDS = ("intent", "threat", "refusal", "appeal", "demand")


@dataclass(frozen=True)
class Cues:
    kinds: dict[str, frozenset[str]]
    """lemma (or space-separated lemma phrase) -> the kinds it cues"""
    embedding: dict[str, dict[str, str]]
    """embedding kind -> act code prefix (or ``*``) -> resulting code"""
    targetless: dict[str, bool]
    """CAMEO roots (and codes within them) and whether their events stand without a target"""
    judging: frozenset[str]
    """CAMEO roots (or codes) of acts that judge another act: their target is whoever did it"""
    default_targets: dict[str, str]
    """code prefix -> the role word, of the source's own country, an act of that kind with no target is done to"""
    default_sources: dict[str, str]
    """code prefix -> the role word, of the target's own country, that does an act of that kind whose agent is unsaid"""
    topics: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    """code -> (sub-code, the words that name its topic), for the codes refined by topic"""
    made_by: dict[str, frozenset[str]]
    """noun of a request, offer or accusation -> the verbs that make one"""

    def has(self, lemma: str, kind: str) -> bool:
        return kind in self.kinds.get(lemma.lower(), ())

    @functools.cached_property
    def carriers(self) -> list[str]:
        """Verbs that carry out what their object names, in file order."""
        return [lemma for lemma, kinds in self.kinds.items() if "carrier" in kinds]

    @functools.cached_property
    def speech(self) -> frozenset[str]:
        """Verbs that report what someone says ("say", "tell", "announce")."""
        return frozenset(lemma for lemma, kinds in self.kinds.items() if "speech" in kinds)

    @functools.cached_property
    def participants(self) -> tuple[str, ...]:
        """The role words of those who take part in a gathering with no one else named."""
        return tuple(lemma for lemma, kinds in self.kinds.items() if "participant" in kinds)

    def judges(self, code: str) -> bool:
        """Whether an act of ``code`` judges another act (``judging.tsv``)."""
        return any(code.startswith(prefix) for prefix in self.judging)

    def default_target(self, code: str) -> str | None:
        """The role an act of ``code`` with no target named is done to, by the longest prefix with a row."""
        return _by_prefix(self.default_targets, code)

    def default_source(self, code: str) -> str | None:
        """The role that does an act of ``code`` a passive leaves without agent, by the longest prefix with a row."""
        return _by_prefix(self.default_sources, code)

    def embedding_kind(self, lemma: str) -> str | None:
        kinds = self.kinds.get(lemma.lower(), frozenset())
        return next((k for k in EMBEDDING_KINDS if k in kinds), None)

    def embedded_code(self, kind: str, act: str | None) -> str:
        """The code of an act embedded by a verb of ``kind``: the longest act prefix that has a row."""
        table = self.embedding[kind]
        if act:
            for length in range(len(act), 1, -1):
                if act[:length] in table:
                    return table[act[:length]]
        return table["*"]

    def stands_alone(self, code: str) -> bool:
        """Whether an event of ``code`` is complete without a target: as its longest listed prefix says."""
        return _by_prefix(self.targetless, code) is True

    def mirrors(self, kind: str, act: str) -> bool:
        """Whether an act has a code of its own under an embedding kind (a row besides ``*``)."""
        return any(act.startswith(prefix) for prefix in self.embedding[kind] if prefix != "*")

    def topical(self, code: str, words: dict[str, int]) -> tuple[str, str] | None:
        """The sub-code of ``code`` for the topic named nearest, by the words an act is about
        (lemma -> distance from the event word), with that word; None when no topic is named."""
        found = [(words[w], sub, w) for sub, names in self.topics.get(code, ()) for w in names & words.keys()]
        return min(found)[1:] if found else None

    @property
    def sizes(self) -> dict[str, int]:
        return {
            "cues.tsv": len(self.kinds),
            "embedding.tsv": sum(map(len, self.embedding.values())),
            "targetless.tsv": len(self.targetless),
            "judging.tsv": len(self.judging),
            "default_targets.tsv": len(self.default_targets),
            "default_sources.tsv": len(self.default_sources),
            "topics.tsv": sum(map(len, self.topics.values())),
            "made_by.tsv": len(self.made_by),
        }


V = TypeVar("V")


def _by_prefix(table: dict[str, V], code: str) -> V | None:
    """The value of the longest prefix of ``code`` that ``table`` has (at least a root)."""
    return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)


def load_cues(codebook: Codebook, folder: Path | None = None, shared: Path | None = None) -> Cues:
    """The cues of a language's folder (by default the English one) and the tables keyed by
    codes alone, from ``shared`` (by default the same folder)."""
    folder = folder or data_path("coding")
    shared = shared or folder
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_table(folder / "cues.tsv", ("cue", "kind")):
        kinds[row["cue"].lower()].add(row["kind"])
    embedding: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_table(shared / "embedding.tsv", ("kind", "act", "code")):
        if row["code"] not in codebook:
            raise DataError(f"embedding.tsv: {row['code']!r} is not a CAMEO code")
        embedding[row["kind"]][row["act"]] = row["code"]
    missing = [k for k in EMBEDDING_KINDS if "*" not in embedding.get(k, {})]
    if missing:
        raise DataError(f"embedding.tsv: no default (*) row for {missing}")
    targetless = {row["root"]: row.get("alone") != "no" for row in read_table(shared / "targetless.tsv", ("root",))}
    judging = frozenset(row["code"] for row in read_table(shared / "judging.tsv", ("code",)))
    targets, sources = (
        {row["code"]: row["role"] for row in read_table(shared / name, ("code", "role"))}
        for name in ("default_targets.tsv", "default_sources.tsv")
    )
    made_by = {row["noun"]: frozenset(split_list(row["verbs"])) for row in read_table(folder / "made_by.tsv", ("noun", "verbs"))}
    return Cues(
        {k: frozenset(v) for k, v in kinds.items()},
        dict(embedding),
        targetless,
        judging,
        targets,
        sources,
        _topics(folder, codebook),
        made_by,
    )


def _topics(folder: Path, codebook: Codebook) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    sets = read_wordsets(folder)
    topics: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for row in read_table(folder / "topics.tsv", ("family", "parents", "digit", "words")):
        words = expand(row["words"], sets, f"topics.tsv: {row['family']} {row['digit']}")
        for parent in split_list(row["parents"]):
            code, _, like = parent.partition(">")
            code, sub = (code + "0" if len(code) == 2 else code), (like or code) + row["digit"]
            if code not in codebook or sub not in codebook:
                raise DataError(f"topics.tsv: {code} or {sub} is not a CAMEO code")
            topics[code].append((sub, words))
    return {code: tuple(subs) for code, subs in topics.items()}
