"""Who acts and who is acted on: the argument heads of an event word.

For a verb the source is its subject, or the "by" phrase of a passive (or of the
act a passive happened in: "was killed in an attack by rebels"); a verb
without a subject of its own takes it from the clause it hangs on ("X met Y
and signed ...", "X spoke with Y, congratulating him", "the government, which
granted asylum"). The target is the indirect or direct object, the subject of
a passive, or the object of a target preposition ("met with", "aid to",
"sanctions on"), on the verb or on its object.

Every argument is expanded over its conjuncts ("Ecuador and Peru", "police
and military").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from ..dictionaries.verbs import Words
from .function_words import function_words

TARGET_PREPS = function_words("target")
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = function_words("relative")
INHERITS_SUBJECT = ("conj", "xcomp", "advcl", "acl", "pcomp", "acomp", "prep", "pobj")
"""A verb without a subject takes the subject of the clause it hangs on, through these
("X is about to restore ties": restore -> about -> is -> X). A past participle describing
a noun ("prisoners held in Iraq") is passive, and takes none."""


def expand(token: Token) -> list[Token]:
    """A token and its conjuncts, and the members of a list the parser took for an
    appositive ("Chile, Peru, Bolivia and Ecuador": Peru in apposition, with conjuncts)."""
    members = [token, *(c for c in token.conjuncts if c.i > token.i)]
    if len(members) > 1 or token.n_rights:
        for appositive in (c for c in token.rights if c.dep_ == "appos"):
            if len(members) > 1 or any(c.dep_ == "conj" for c in appositive.children):
                members += [t for t in (appositive, *appositive.conjuncts) if t not in members]
    return members


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in (*PASSIVE_SUBJECTS, "auxpass") for c in verb.children)


def has_agent(verb: Token) -> bool:
    """Whether a passive says by whom ("was stormed by police"), whoever the phrase names."""
    return any(c.dep_ == "agent" for c in verb.children)


def is_definite(noun: Token) -> bool:
    """Whether a noun names particular events that took place ("the talks", "talks", "clashes"),
    not one only spoken of ("a dialogue between", "dialogue"): plural, or with "the"."""
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


STATIVES = frozenset({"engage", "involve", "commit", "determine", "poise", "prepare", "dedicate"})
"""Verbs whose passive with no agent states what its subject does: "were engaged in ethnic
cleansing", "is committed to opening the economy"."""


def is_stative(verb: Token) -> bool:
    return verb.lemma_.lower() in STATIVES and is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)


def subjects(verb: Token) -> list[Token]:
    """The heads of the phrases acting in a verb's clause."""
    for child in verb.children:
        if child.dep_ == "agent" and is_passive(verb):
            return [t for pobj in child.children if pobj.dep_ == "pobj" for t in expand(pobj)]
        if child.dep_ in SUBJECTS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return expand(verb.head)
            # every subject the parser attached: "Old foes Chile and Peru", split in two
            heads = [c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ not in RELATIVE_PRONOUNS]
            return list(dict.fromkeys(t for head in heads for t in expand(head)))
    # the parser sometimes hangs the subject on the auxiliary: "Chile/nsubj <- is <- committed"
    held = [c for a in verb.children if a.dep_ in ("aux", "auxpass") for c in a.children if c.dep_ in SUBJECTS]
    if held:
        return [t for c in held for t in expand(c)]
    if is_stative(verb):
        return [t for c in verb.children if c.dep_ in PASSIVE_SUBJECTS for t in expand(c)]
    if is_passive(verb):
        return _agents_of_circumstance(verb)
    if verb.dep_ == "relcl":  # "the government, which granted asylum"; but "converged for a rally to protest":
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)  # the ralliers protest
        return subjects(verb.head) if infinitive else expand(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return []
    if verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i:
        return subjects(verb.head)
    if verb.dep_ == "ccomp" and verb.morph.get("Person", []) and verb.head.i != verb.i:
        return subjects(verb.head)  # a subject Spanish leaves to its verb's person: "Petro dijo que viajará"
    return []


def _by_phrases(token: Token) -> list[Token]:
    return [
        t
        for c in token.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for pobj in c.children
        if pobj.dep_ == "pobj"
        for t in expand(pobj)
    ]


def _agents_of_circumstance(verb: Token) -> list[Token]:
    """The agent of a passive with no "by" of its own, given by the act it happened in:
    "was killed in an attack by rebels", "were wounded in a raid on the camp by police"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for act in (c for c in prep.children if c.dep_ == "pobj"):
            inner = [pobj for c in act.children if c.dep_ == "prep" for pobj in c.children if pobj.dep_ == "pobj"]
            for holder in (act, *inner):
                agents = _by_phrases(holder)
                if agents:
                    return agents
    return []


def objects(verb: Token, pattern_preps: frozenset[str] = frozenset()) -> Iterator[list[Token]]:
    """Candidate target phrases, best first: each a head and its conjuncts: the
    indirect object, the direct object (or passive subject), its possessor, then the
    objects of target prepositions and their possessors.

    Prepositions a verb pattern names ("arrive in") introduce targets too.
    """
    for child in verb.children:
        if child.dep_ in ("dative", "iobj"):
            yield expand(child)
    direct = [c for c in verb.children if _is_object(c) or (c.dep_ in PASSIVE_SUBJECTS and not is_stative(verb))]
    yield from (expand(c) for c in direct)
    # whose the object is: "praised Haiti's efforts", "denounced Yugoslavia's suppression of ..."
    yield from (expand(p) for c in direct for p in c.children if p.dep_ == "poss")
    yield from _named(verb)
    for holder in (verb, *direct):
        groups = list(prepositional_objects(holder, TARGET_PREPS + tuple(pattern_preps)))
        yield from groups
        # whose the object of the preposition is: "protested against Peru's decision"
        yield from (expand(p) for group in groups for t in group for p in t.children if p.dep_ == "poss")


CIRCUMSTANTIAL_PREPS = (
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "within",
    "across",
    "throughout",
    "around",
    "during",
    "since",
    "after",
    "before",
    "until",
    "amid",
    "despite",
    "following",
)
"""Prepositions of place and time: the actors in their phrases are where or when, not whom."""


def circumstantial_but(preps: Iterable[str]) -> tuple[str, ...]:
    """The prepositions of place and time but those a pattern names as introducing its
    target ("angry at the Japanese decision"), or "in" as the last resort for an act that
    needs someone on the other side and names only a place ("arrived in Chile")."""
    return tuple(p for p in CIRCUMSTANTIAL_PREPS if p not in preps)


NOT_INSIDE = (
    "nsubj",
    "nsubjpass",
    "csubj",
    "agent",
    "poss",
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "conj",
    "parataxis",
    "mark",
    "aux",
    "auxpass",
    "punct",
    "cc",
    "neg",
)


def nested_objects(verb: Token, circumstantial: tuple[str, ...] = CIRCUMSTANTIAL_PREPS) -> Iterator[list[Token]]:
    """Phrases deeper inside the verb's objects and prepositional phrases, nearest
    first: "condemned an attack by Osgiliath soldiers", "welcomed the resumption of
    ties with Osgiliath". Clauses, subjects and ``circumstantial`` phrases (place and
    time) are not entered."""
    frontier = [verb]
    while frontier:
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in NOT_INSIDE or (child.dep_ == "prep" and child.lower_ in circumstantial) or _misattached(child):
                    continue
                if child.pos_ in ("NOUN", "PROPN") or (child.pos_ == "ADJ" and child.dep_ == "amod"):  # "the French plan"
                    yield expand(child)
                following.append(child)
        frontier = following


def complement_objects(verb: Token) -> Iterator[list[Token]]:
    """The objects of a verb's verbal complements, for a phrase that reaches into them:
    "declined to comment on Venezuela's accusations", "ordered the attaché to leave"."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            yield from objects(child)
            yield from nested_objects(child)


def complement_subjects(verb: Token) -> Iterator[list[Token]]:
    """The subjects of a verb's clausal complement: "Arnor believes Dagolath can cope"."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            yield from (expand(c) for c in child.children if c.dep_ in SUBJECTS)


def prepositional_objects(token: Token, preps: tuple[str, ...] = TARGET_PREPS) -> Iterator[list[Token]]:
    """Objects of the target prepositions attached to a token ("with Lasso")."""
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield expand(pobj)


def _words(token: Token) -> set[str]:
    """A word as patterns may name it: its lemma or its lowercase form."""
    return {token.lemma_.lower(), token.lower_}


def direct_objects(verb: Token) -> list[Token]:
    """The heads of what the verb acts on: its direct objects, or the subjects of its passive."""
    return [t for c in verb.children if _is_object(c) or c.dep_ in PASSIVE_SUBJECTS for t in expand(c)]


def _is_object(token: Token) -> bool:
    return token.dep_ == "dobj" and not _misattached(token)


def _misattached(token: Token) -> bool:
    """Whether a direct object is a second one set off by a comma: a verb has one, and this is a
    phrase in apposition the parser hung on it ("broke off relations with Ecuador in solidarity
    with Mexico, the first government to follow ...")."""
    doc = token.doc
    start = token.left_edge.i
    return (
        token.dep_ == "dobj"
        and start > 0
        and doc[start - 1].text == ","
        and any(c.dep_ == "dobj" and c.i < token.i for c in token.head.children)
    )


def object_lemmas(verb: Token) -> frozenset[str]:
    """Lemmas (and forms) of what the verb acts on, for pattern tests: the direct object
    (or passive subject) heads, their compound modifiers ("food supplies"), the noun of a
    measure ("tons of aid"), and the theme of "provide X with Y"."""
    heads = direct_objects(verb)
    if heads:
        heads += [
            pobj for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for pobj in c.children if pobj.dep_ == "pobj"
        ]
    related = [c for h in heads for c in h.children if c.dep_ == "compound"]
    related += [
        pobj
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in function_words("of")
        for pobj in c.children
        if pobj.dep_ == "pobj"
    ]
    return frozenset(w for t in (*heads, *related) for w in _words(t))


def preposition_pairs(verb: Token) -> frozenset[tuple[str, str]]:
    """(preposition, object lemma) for prepositions on the verb or its direct object."""
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", *PASSIVE_SUBJECTS))]
    pairs: set[tuple[str, str]] = set()
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
                objects_ = [c for c in child.children if c.dep_ in ("pobj", "pcomp")] or [child]
                pairs.update((child.lower_, w) for o in objects_ for w in _words(o))
    return frozenset(pairs)


ABOUT_DEPS = ("dobj", "advcl", "xcomp", "ccomp", "acl")
ABOUT_PREPS = ("for", "against", "over", "about", "on", "of")


def topic_words(token: Token) -> dict[str, int]:
    """What an act is about, each word (lemma and form) with its distance from the act word:
    its object, its "for", "against", "over", "about", "on" or "of" phrase, its purpose
    clause and "in protest at" ("demonstrated calling for independence", "accused Peru of
    violating the truce", "a strike in protest at the arrests")."""
    words: dict[str, int] = {}
    for child in token.children:
        protest = child.dep_ == "prep" and any(p.lemma_ == "protest" for p in child.children)  # "in protest at"
        if child.dep_ in ABOUT_DEPS or (child.dep_ == "prep" and child.lower_ in ABOUT_PREPS) or protest:
            for t in child.subtree:
                for word in _words(t):
                    words[word] = min(words.get(word, len(token.doc)), abs(t.i - token.i))
    return words


BEFORE_VERB = ("aux", "auxpass", "neg", "advmod")
"""Dependents before a verb that phrase patterns read with its subject ("ABRUPTLY * TALKS")."""
OTHER_ACTS = ("advcl", "conj", "cc", "parataxis", "punct", "prt")
"""Dependents after a verb that are not its phrase: other clauses joined to it (particles come first, apart)."""


def phrase_words(
    verb: Token, name: Token | None = None, before_verb: bool = True, after_verb: bool = True
) -> tuple[Words, Words]:
    """A verb's clause as phrase patterns read it, each token as its lemma and form: before
    the verb, its subject up to the subject's head ("Israeli troops", not "troops who ...")
    with what the head is made of ("a batch of Nepalese peacekeeping troops"), and its
    auxiliaries, negation and adverbs; after it, its particles, then the subject
    of a passive (what it acts on: "the ambassador was recalled for consultations"), then
    the rest of its phrase: objects, prepositional phrases and complements ("declared the
    envoy persona non grata", "ordered the attaché to leave"), but no clause joined to it
    (a conjunct, an adverbial clause). For a verb that gives a ``name`` (``name_given``),
    the phrase after it is that name, read as an "as" phrase whatever its form ("called
    the vote a farce" as "as a farce"): what a naming says is in the name. Either side is
    read only when asked for (``before_verb``, ``after_verb``)."""
    heads = [] if is_passive(verb) or not before_verb else subjects(verb)
    before = {t for head in heads for t in head.subtree if t.i <= head.i}
    before.update(
        t for head in heads for c in head.rights if c.dep_ == "prep" and c.lower_ in function_words("of") for t in c.subtree
    )
    before.update(t for c in verb.lefts if before_verb and c.dep_ in BEFORE_VERB for t in c.subtree)
    if not after_verb:
        return _phrase(sorted(before, key=lambda t: t.i)), ()
    particles = _phrase(c for c in verb.children if c.dep_ == "prt")
    if name is not None:
        as_ = () if name.lower_ == "as" else (frozenset({"as"}),)
        return _phrase(sorted(before, key=lambda t: t.i)), particles + as_ + _phrase(name.subtree)
    acted_on = [t for c in verb.children if c.dep_ in PASSIVE_SUBJECTS for t in c.subtree if t.i <= c.i]
    after = [*acted_on, *(t for c in verb.rights if c.dep_ not in OTHER_ACTS for t in c.subtree)]
    return _phrase(sorted(before, key=lambda t: t.i)), particles + _phrase(after)


def name_given(verb: Token) -> Token | None:
    """The name a verb gives what it acts on, when it gives one: an object predicate
    ("called the vote a farce"), an "as" phrase ("described the raid as a crime"), or what
    the parser took for an apposition to the object ("called the mission one of the most
    important") or for a conjunct of it with no conjunction before it ("calling the storming
    of its embassy an authoritarian act")."""
    for child in verb.children:
        if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"):
            return child
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        joined = any(c.dep_ == "cc" for c in obj.children)
        name = next((c for c in obj.children if c.dep_ == "appos" or (c.dep_ == "conj" and not joined)), None)
        if name is not None:
            return name
    return None


def names_what(verb: Token) -> bool:
    """Whether a verb names something only in a free relative: "what the government terms a
    provocation", "in what Arce called an attempted coup"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("what", "which") for c in verb.children)


def _named(verb: Token) -> Iterator[list[Token]]:
    """What a verb acts on through a free relative naming it ("welcomed what it called
    Nicaragua's right choice": the choice, and Nicaragua's): the name and its possessor."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and names_what(c)):
        for name in (c for c in clause.children if c.dep_ == "oprd"):
            yield expand(name)
            yield from (expand(p) for p in name.children if p.dep_ == "poss")


def _phrase(tokens: Iterable[Token]) -> Words:
    return tuple(frozenset(_words(t)) for t in tokens)


def particles(verb: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in verb.children if c.dep_ == "prt")


ABOUT_ACT_PREPS = ("against", "over", "about", "at", "of", "on", "to")


def agents_of_act(noun: Token) -> list[Token]:
    """The heads of the phrases that name who did an act a noun names: its owner ("Ecuador's
    raid", "the Israeli strike") and its by-phrase, on the noun or on its target ("the assault
    on the embassy by police"), with their conjuncts."""
    owners = [t for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") for t in expand(c)]
    holders = [noun, *(pobj for c in noun.children if c.dep_ == "prep" for pobj in c.children if pobj.dep_ == "pobj")]
    return list(dict.fromkeys([*owners, *(t for holder in holders for t in _by_phrases(holder))]))


STATE_VERBS = frozenset({"be", "remain", "stay", "keep"})
"""Verbs whose subject is in the state a noun names: "was in contact with", "remained in talks with"."""


def state_holders(noun: Token) -> list[Token]:
    """Who is in the state an event noun names, when the noun names no actor of its own: the
    subject of "be", "remain", "stay" or "keep" with the noun after "in" ("the embassy was in
    constant communication with the State Department")."""
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if holder is None or holder.lemma_.lower() not in STATE_VERBS:
        return []
    return subjects(holder)


def act_objects(verb: Token) -> list[Token]:
    """What a verb's act is about, nearest first: its direct objects and the objects of its
    "against", "over", "about", "at", "of", "on" and "to" phrases ("protested against the ruling")."""
    return direct_objects(verb) + [t for group in prepositional_objects(verb, ABOUT_ACT_PREPS) for t in group]
