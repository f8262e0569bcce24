"""The pages a person opens, from the HTML templates in ``templates/``.

The overview page is one template for both the served app and the report: in
the app it links its scripts and fetches its data from ``/api/``; in the report
the scripts and the data are inlined, so the file works offline and alone. The
same ``static/`` scripts draw both; their charts are SVG they draw themselves.

``SCRIPTS`` lists the scripts every page loads, in order: one file per view
(the series, the network, the timeline, the events table, the filter form...),
each adding itself to the ``tinkuy`` registry that ``app.js`` starts. A new view
is a new file here and a section in the template.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from ..datafiles import data_path
from .security import content_security_policy

STATIC = Path(str(resources.files("tinkuy.web") / "static"))
TEMPLATES = Path(str(resources.files("tinkuy.web") / "templates"))
STYLE = "style.css"
WORLD = data_path("maps", "countries.json")
"""The country outlines of the map: an asset of the app, part of the report's data."""
SCRIPTS = (
    "common.js",
    "charts.js",
    "series.js",
    "network.js",
    "timeline.js",
    "map.js",
    "events.js",
    "filters.js",
    "report.js",
    "app.js",
)
"""The page scripts, in the order they load; ``app.js`` last, as it starts the views the others register."""


def linked_assets(urls: dict[str, str]) -> dict[str, str]:
    """Style and scripts as links to the app's assets (``urls``: file name -> address)."""
    scripts = [urls[name] for name in SCRIPTS]
    return {
        "policy": "",
        "style": f'<link rel="stylesheet" href="{urls[STYLE]}">',
        "scripts": "\n".join(f'<script src="{src}"></script>' for src in scripts),
        "world": urls[WORLD.name],
    }


def inline_assets() -> dict[str, str]:
    """Style and scripts written into the page, and a policy that allows them alone."""
    scripts = [f"\n{(STATIC / name).read_text(encoding='utf-8')}\n" for name in SCRIPTS]
    style = f"\n{(STATIC / STYLE).read_text(encoding='utf-8')}"
    policy = html.escape(content_security_policy(scripts, [style]))
    return {
        "policy": f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        "style": f"<style>{style}</style>",
        "scripts": "\n".join(f"<script>{script}</script>" for script in scripts),
        "world": "",
    }


def render(name: str, title: str, assets: dict[str, str], data: Any = None) -> str:
    """A page from its template, with its assets and, for the report, its data as embedded JSON."""
    template = Template((TEMPLATES / name).read_text(encoding="utf-8"))
    return template.substitute(assets, title=html.escape(title), data=_embedded_json(data))


def _embedded_json(data: Any) -> str:
    """JSON that can sit inside a script element: no ``<`` can close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
