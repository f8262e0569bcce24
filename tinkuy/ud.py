"""A Universal Dependencies parse read in the labels the coder is written for.

spaCy's Spanish model parses in Universal Dependencies (UD); its English
model in the ClearNLP scheme the coder reads (``nsubj``, ``dobj``, ``prep`` +
``pobj``, ``agent``, ``neg``...). Rather than a second coder, a small
component after the Spanish parser rewrites the UD parse into those labels,
so one coder reads both languages:

- a noun with a preposition (UD: the noun hangs on the verb, ``case`` on the
  noun) becomes ``prep`` on the verb with the noun as its ``pobj``, as in
  English; "por" on a passive verb is its ``agent``;
- ``obj`` is ``dobj``, ``iobj`` is ``dative``; an ``obj`` with a preposition
  other than the personal "a" ("se reunió con Maduro") is a prepositional
  phrase;
- "no", "nunca" and "jamás" are ``neg``; ``acl`` with a relative pronoun is
  ``relcl``; ``flat`` names are ``compound``; a passive's subject and
  auxiliary ("fue asaltada") are ``nsubjpass`` and ``auxpass``;
- a bare noun of time on a verb ("el viernes") is ``npadvmod``; a reflexive
  pronoun ("se reunió") is ``expl``, not an object.

Words stay Spanish: patterns and cues name Spanish prepositions and lemmas.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

UD_AS_CLEAR = "ud_as_clear"
PERSONAL_A = frozenset({"a", "al"})
"""The preposition that marks a person as direct object ("expulsó al embajador")."""
NEGATIONS = frozenset({"no", "nunca", "jamás", "tampoco"})
PASSIVE_AUXILIARIES = frozenset({"ser"})
AGENT = frozenset({"por"})
RENAMED = {"iobj": "dative", "flat": "compound", "expl:pass": "expl"}


@Language.component(UD_AS_CLEAR)
def ud_as_clear(doc: Doc) -> Doc:
    """Rewrite the UD parse of ``doc`` into the ClearNLP labels and prepositional heads, in place."""
    for token in list(doc):
        _relabel(token)
    for token in list(doc):
        if token.dep_ in ("obl", "nmod", "obj"):
            _raise_preposition(token)
    return doc


def _relabel(token: Token) -> None:
    dep = token.dep_
    if dep in RENAMED:
        token.dep_ = RENAMED[dep]
    elif dep == "advmod" and token.lower_ in NEGATIONS:
        token.dep_ = "neg"
    elif dep == "acl" and any("Rel" in t.morph.get("PronType", []) for t in token.children):
        token.dep_ = "relcl"
    elif dep == "aux" and token.lemma_ in PASSIVE_AUXILIARIES and "Part" in token.head.morph.get("VerbForm", []):
        token.dep_ = "auxpass"
        for subject in token.head.children:
            if subject.dep_ == "nsubj":
                subject.dep_ = "nsubjpass"


def _raise_preposition(noun: Token) -> None:
    """Make the noun's preposition the head of its phrase, as ClearNLP does; a bare
    object is ``dobj``, a bare noun of time ``npadvmod``."""
    if noun.pos_ == "PRON" and "Yes" in noun.morph.get("Reflex", []):  # "se reunió": no object
        noun.dep_ = "expl"
        return
    case = next((t for t in noun.children if t.dep_ == "case" and t.i < noun.i), None)
    if case is None or (noun.dep_ == "obj" and case.lower_ in PERSONAL_A):
        noun.dep_ = {"obj": "dobj", "obl": "npadvmod"}.get(noun.dep_, noun.dep_)
        return
    head, passive = noun.head, any(t.dep_ == "auxpass" for t in noun.head.children)
    edges = (noun.left_edge.i, noun.right_edge.i)
    for mark in [t for t in noun.children if t.dep_ == "punct" and t.i in edges]:  # ", según fuentes ...,"
        mark.head = head
    case.head = head
    case.dep_ = "agent" if passive and case.lower_ in AGENT else "prep"
    noun.head = case
    noun.dep_ = "pobj"
