"""Event locations against the places annotated for them.

An annotated event may state where it happened: ``"location": {"name", "country_code",
"precision"}`` (``place``, ``division`` or ``country``), or ``null`` when the text gives
no place for it. A coded event found for it (at the ``root`` level) is located
right when its place is in the same country and has the same name (case,
accents and punctuation aside), or when both are the country itself; in the
wrong country when its country is another. Events the annotation places
nowhere and tinkuy places somewhere are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Location
from ..places.names import name_key


@dataclass(frozen=True, slots=True)
class StatedPlace:
    """Where an annotation says an event happened."""

    name: str
    country_code: str
    precision: str


def stated_place(raw: object) -> StatedPlace | None:
    """The annotated location of a JSON line's ``location`` value, or None."""
    if not isinstance(raw, dict):
        return None
    return StatedPlace(str(raw["name"]), str(raw["country_code"]), str(raw.get("precision") or "place"))


@dataclass
class LocationScore:
    """Locations of found events, against their annotation."""

    stated: int = 0
    """Found events whose annotation states a place."""
    right: int = 0
    """... located at that place (or division, or country, as stated)."""
    right_country: int = 0
    """... located in that place's country."""
    located: int = 0
    """... located anywhere."""
    wrong_country: int = 0
    """... located in another country."""
    unstated: int = 0
    """Found events whose annotation states no place."""
    invented: int = 0
    """... that tinkuy locates all the same."""

    def add(self, stated: StatedPlace | None, location: Location | None) -> None:
        if stated is None:
            self.unstated += 1
            self.invented += location is not None
            return
        self.stated += 1
        if location is None:
            return
        self.located += 1
        same_country = location.country_code == stated.country_code
        self.right_country += same_country
        self.wrong_country += not same_country
        both_countries = stated.precision == location.precision == "country"
        self.right += same_country and (both_countries or name_key(location.name) == name_key(stated.name))

    @property
    def accuracy(self) -> float:
        """Right place, division or country, of the found events that state one."""
        return self.right / self.stated if self.stated else 0.0

    @property
    def wrong_country_share(self) -> float:
        """Located in another country, of the found events that state a place and that tinkuy locates."""
        return self.wrong_country / self.located if self.located else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "stated": self.stated,
            "right": self.right,
            "right_country": self.right_country,
            "located": self.located,
            "wrong_country": self.wrong_country,
            "unstated": self.unstated,
            "invented": self.invented,
            "accuracy": round(self.accuracy, 4),
            "wrong_country_share": round(self.wrong_country_share, 4),
        }

    def line(self) -> str:
        return (
            f"locations right: {self.right} of {self.stated} found events that state one ({self.accuracy:.1%}); "
            f"located {self.located}, in the wrong country {self.wrong_country} ({self.wrong_country_share:.1%}); "
            f"located where none is stated: {self.invented} of {self.unstated}"
        )
