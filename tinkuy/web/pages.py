"""The pages a person opens, from the HTML templates in ``templates/``.

The overview page is one template for both the served app and the report: in
the app it links its scripts and fetches its data from ``/api/``; in the report
the scripts and the data are inlined, so the file works offline and alone. The
same ``static/`` scripts draw both, with plotly.js from the plotly package.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import plotly

STATIC = Path(str(resources.files("tinkuy.web") / "static"))
TEMPLATES = Path(str(resources.files("tinkuy.web") / "templates"))
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SCRIPTS = ("views.js", "app.js")


def linked_assets() -> dict[str, str]:
    """Style and scripts as links to the app's static routes."""
    scripts = ["/vendor/plotly.min.js"] + [f"/static/{name}" for name in SCRIPTS]
    return {
        "style": '<link rel="stylesheet" href="/static/style.css">',
        "scripts": "\n".join(f'<script src="{src}"></script>' for src in scripts),
    }


def inline_assets() -> dict[str, str]:
    """Style and scripts written into the page, plotly.js included: no network needed."""
    scripts = [PLOTLY_JS.read_text(encoding="utf-8")] + [(STATIC / name).read_text(encoding="utf-8") for name in SCRIPTS]
    return {
        "style": f"<style>\n{(STATIC / 'style.css').read_text(encoding='utf-8')}</style>",
        "scripts": "\n".join(f"<script>\n{script}\n</script>" for script in scripts),
    }


def render(name: str, title: str, assets: dict[str, str], data: Any = None) -> str:
    """A page from its template, with its assets and, for the report, its data as embedded JSON."""
    template = Template((TEMPLATES / name).read_text(encoding="utf-8"))
    return template.substitute(assets, title=html.escape(title), data=_embedded_json(data))


def _embedded_json(data: Any) -> str:
    """JSON that can sit inside a script element: no ``<`` can close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
