"""Names beside codes, and codes for what a person types: ``/api/names`` and ``/api/actors``.

The app names every code it shows (``tinkuy.names``); its actor boxes take a
code, a code prefix or a name ("Mexico", "Lenin Moreno") and suggest the actor
codes the store holds, and when what was typed matches nothing, the nearest
codes it does hold.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from ..names import Vocabulary, load_vocabulary, names_of
from .params import ActorsParams, NamesParams, given_once
from .routes import Connection

router = APIRouter(prefix="/api", tags=["api"])

_CODE_LIKE = re.compile(r"[A-Z-]{2,24}")
_STORED_CODES = """SELECT code, count(*) AS n FROM (SELECT source_code AS code FROM merged_events
    UNION ALL SELECT target_code FROM merged_events) WHERE code IS NOT NULL GROUP BY code ORDER BY n DESC, code"""
NEAREST = 5


class CodeName(BaseModel):
    """A CAMEO event code as the codebook has it."""

    name: str
    plover: str | None
    goldstein: float
    quad_class: int


class Names(BaseModel):
    """The names of the codes asked for; codes the codebook lacks are left out."""

    actors: dict[str, str]
    cameo: dict[str, CodeName]


class Suggestion(BaseModel):
    """An actor code, its name, why it was suggested, and how often it acts or is acted on in the store."""

    code: str
    name: str
    label: str
    events: int


class Suggestions(BaseModel):
    """Actor codes for what was typed; ``known`` when some stored code begins with it as a code."""

    query: str
    known: bool
    matches: list[Suggestion]
    nearest: list[Suggestion]


@router.get("/names", summary="The names of actor codes and CAMEO event codes")
def names(params: Annotated[NamesParams, Query()]) -> Names:
    return Names.model_validate(names_of(params.actor, params.cameo))


@router.get(
    "/actors", summary="Actor codes the store holds for a code, a code prefix or a name", dependencies=[Depends(given_once)]
)
def actors(con: Connection, params: Annotated[ActorsParams, Query()]) -> Suggestions:
    counts = {str(code): int(n) for code, n in con.execute(_STORED_CODES).fetchall()}
    return suggest(counts, load_vocabulary(), params.q, params.limit)


def suggest(counts: dict[str, int], vocabulary: Vocabulary, query: str, limit: int) -> Suggestions:
    """Stored codes that begin with the query as a code, then those of the names it begins; the nearest codes when none."""
    typed = query.strip().upper()
    found: dict[str, Suggestion] = {}

    def offer(prefix: str, label: str) -> None:
        events = sum(n for code, n in counts.items() if code.startswith(prefix))
        if events and prefix not in found:
            found[prefix] = Suggestion(code=prefix, name=vocabulary.actor_name(prefix), label=label, events=events)

    if _CODE_LIKE.fullmatch(typed):
        offer(typed, "every actor whose code begins with it")
        for code in (c for c in counts if c.startswith(typed)):
            offer(code, "a code in the store")
    for known in vocabulary.find(query, limit * 3):
        offer(known.code, f"{known.name}: {known.note}" if known.note else known.name)
    known_code = any(code.startswith(typed) for code in counts)
    nearest = [] if found else difflib.get_close_matches(typed, list(counts), n=NEAREST, cutoff=0.5)
    return Suggestions(
        query=query,
        known=known_code,
        matches=list(found.values())[:limit],
        nearest=[
            Suggestion(code=c, name=vocabulary.actor_name(c), label="a code in the store", events=counts[c]) for c in nearest
        ],
    )
