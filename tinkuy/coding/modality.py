"""Whether an act is stated as happening, and how firmly.

``modality_of`` reads the clause around an event word and its governors:

- negated: a negation on the verb ("did not send troops"), a governor that
  says the act failed ("failed to reach a deal") or denies it ("denied that
  it attacked"), or "no" on an event noun;
- hypothetical: a condition ("if Moreno beats Lasso"), a modal of
  possibility ("could impose sanctions", "would"), an imagining governor;
- future: "will", "is to", a governor of planning ("plans to visit"), and
  "would" in reported speech ("said they would meet": the future of the past).

A condition outranks a negation ("if they do not pay" is not a refusal),
which outranks possibility, which outranks the future.

``is_hedged`` tells whether the writer distances the claim ("reportedly",
"allegedly", "appears to have", "the alleged attack").

Spanish marks two of these on the verb itself, and the parser's morphology
tells them: the future tense ("romperá": future), and the conditional mood
("habría ordenado", "se reuniría"), which is the future of the past in
reported speech ("dijo que se reuniría"), a hypothetical under a condition
("si ..., rompería") and otherwise the journalistic conditional, by which
the writer reports an allegation without vouching for it: the act is
asserted, and hedged. English verbs carry neither feature.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..model import Modality
from .cues import Cues

NON_FINITE = {"VB", "VBG", "VBN", "TO"}
CLAUSAL = {"xcomp", "acomp", "conj", "ccomp", "advcl", "pcomp", "acl", "relcl", "parataxis", "csubj"}
_ORDER: tuple[tuple[str, Modality], ...] = (
    ("condition", "hypothetical"),
    ("negation", "negated"),
    ("hypothetical", "hypothetical"),
    ("future", "future"),
)


def governors(token: Token) -> Iterator[tuple[Token, str]]:
    """The clause heads above a token, each with the relation that led to it."""
    node = token
    while node.dep_ in CLAUSAL and node.head.i != node.i:
        yield node.head, node.dep_
        node = node.head


def modality_of(anchor: Token, cues: Cues) -> Modality:
    flags = _flags(anchor, cues)
    return next((modality for flag, modality in _ORDER if flag in flags), "asserted")


def is_refused(anchor: Token, cues: Cues) -> bool:
    """Whether the act is one that will not happen, unconditionally: "will not accept
    refugees", "said they would not end their strike" (a refusal, when its actor says so)."""
    flags = _flags(anchor, cues)
    return {"negation", "future"} <= flags and "condition" not in flags


def _flags(anchor: Token, cues: Cues) -> set[str]:
    flags = _own_flags(anchor, cues)
    node = anchor
    reported = False
    for governor, via in governors(anchor):
        reported = reported or (via == "ccomp" and cues.has(governor.lemma_, "speech"))
        if via in ("xcomp", "acomp") or (via == "conj" and _shares_auxiliaries(node)):
            flags |= _own_flags(governor, cues) - {"condition"}
        if via == "xcomp":
            flags |= {kind for kind in ("future", "hypothetical") if cues.has(governor.lemma_, kind)}
            if cues.has(governor.lemma_, "failure"):
                flags.add("negation")
        if via == "ccomp" and cues.has(governor.lemma_, "denial"):
            flags.add("negation")
        if via == "ccomp" and cues.has(governor.lemma_, "hypothetical"):
            flags.add("hypothetical")
        if _has_condition(governor, cues):
            flags.add("condition")
        node = governor
    if "backshift" in flags:
        flags.add("future" if reported else "hypothetical")
    if "conditional" in flags:
        conditioned = "condition" in flags or _has_conditional_clause(anchor, cues)  # "rompería ... si ..."
        flags.add("future" if reported else "hypothetical" if conditioned else "alleged")
    return flags


def _own_flags(token: Token, cues: Cues) -> set[str]:
    flags: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and token.pos_ == "NOUN" and word == "no"):
            flags.add("negation")
        elif child.dep_ in ("aux", "auxpass"):
            flags |= {
                kind for kind in ("future", "hypothetical", "backshift") if cues.has(word, kind) or cues.has(child.lemma_, kind)
            }
        elif child.dep_ == "amod" and token.pos_ == "NOUN":
            flags |= {kind for kind in ("future", "hypothetical") if cues.has(word, kind)}
        elif child.dep_ == "dobj" and any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
            flags.add("negation")
    if _is_going_to(token):
        flags.add("future")
    flags |= _mood_flags(token)
    if _has_condition(token, cues):
        flags.add("condition")
    return flags


def _mood_flags(token: Token) -> set[str]:
    """ "future" for a verb in the future tense, "conditional" for one in the conditional mood or
    with an auxiliary in it ("habría ordenado")."""
    verbs = [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass"))]
    flags = {"future"} if "Fut" in token.morph.get("Tense", []) else set()
    return flags | ({"conditional"} if any("Cnd" in v.morph.get("Mood", []) for v in verbs) else set())


def _shares_auxiliaries(conjunct: Token) -> bool:
    """ "will meet and sign": a bare second verb shares the first one's auxiliaries;
    "met and will sign" or "met and signed" do not."""
    has_own = any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "neg") for c in conjunct.children)
    return not has_own and conjunct.tag_ in NON_FINITE


def _is_going_to(token: Token) -> bool:
    """ "is going to meet", "is to meet", "is about to restore": the act is ahead."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_ in ("go", "be", "about")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _has_conditional_clause(token: Token, cues: Cues) -> bool:
    """Whether a condition hangs on the clause ("detendría a los dirigentes si cruzan la frontera")."""
    return any(child.dep_ == "advcl" and _has_condition(child, cues) for child in token.children)


def _has_condition(token: Token, cues: Cues) -> bool:
    return any(child.dep_ == "mark" and cues.has(child.lower_, "condition") for child in token.children)


def is_hedged(anchor: Token, cues: Cues) -> bool:
    """Whether a hedge word qualifies the event word or a clause above it, or the writer
    states it in the journalistic conditional ("habría ordenado")."""
    if "alleged" in _flags(anchor, cues):
        return True
    for node in (anchor, *(g for g, _ in governors(anchor))):
        if node is not anchor and cues.has(node.lemma_, "hedge"):
            return True
        if any(child.dep_ in ("advmod", "amod") and cues.has(child.lower_, "hedge") for child in node.children):
            return True
    return False
