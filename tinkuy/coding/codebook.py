"""The CAMEO codebook: names, Goldstein scores, QuadClass and PLOVER types.

Read from ``data/codebook`` (see its SOURCES.md for origins and licences).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..datafiles import data_path, read_table
from ..errors import DataError


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Codebook:
    codes: dict[str, CodeInfo]

    def __getitem__(self, code: str) -> CodeInfo:
        try:
            return self.codes[code]
        except KeyError:
            raise DataError(f"{code!r} is not a CAMEO code in the codebook") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)


@cache
def load_codebook() -> Codebook:
    """The bundled codebook (read once per process; it never changes)."""
    folder = data_path("codebook")
    plover: dict[str, str] = {}
    for name in ("cameo_to_plover.csv", "plover_additions.csv"):
        for row in read_table(folder / name, ("cameo_code", "plover_event_type"), delimiter=","):
            plover.setdefault(row["cameo_code"], row["plover_event_type"])
    codes = {
        row["code"]: CodeInfo(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=plover.get(row["code"]),
        )
        for row in read_table(folder / "cameo_codes.csv", ("code", "name", "goldstein", "quad_class"), delimiter=",")
    }
    unknown = sorted(set(plover) - set(codes))
    if unknown:
        raise DataError(f"PLOVER mapping names codes missing from the codebook: {unknown}")
    return Codebook(codes)
