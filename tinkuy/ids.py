"""Content-hash ids: what a record says decides its id.

Articles, events, rejections and merged events are all identified by a hash
of their content (the idea of sqlite-utils' ``hash_record``), so reading the
same input again gives the same ids, a rerun is an idempotent upsert and a run
killed half way can simply be run again.
"""

from __future__ import annotations

import hashlib

ID_LENGTH = 20
"""Hex digits kept of the SHA-256: 80 bits, no collision in any corpus tinkuy will see."""


def content_hash(*parts: str | int) -> str:
    """The id of what ``parts`` say: the SHA-256 of the parts joined by ``|``, as UTF-8, cut to ``ID_LENGTH``.

    An article's id hashes its text alone (one part); an event's, its
    article, sentence, event word, code and actors.
    """
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:ID_LENGTH]
