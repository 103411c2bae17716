"""docs/performance.md: each benchmark replaces its own section and keeps the others."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
INTRO = (
    "# Prestaties\n\n"
    "Hier staan de laatste metingen van de benchmarks in `benchmarks/`, met de datum en de\n"
    "machine waarop ze zijn gedaan. Elke benchmark vergelijkt met een basismeting uit\n"
    "dezelfde run; hoe je ze draait, staat in `benchmarks/README.md`.\n"
)


def write_section(heading: str, text: str) -> None:
    """Replace the section that starts with ``heading`` by ``text``, or add it at the end."""
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else INTRO
    start = current.find(heading)
    if start < 0:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        following = current.find("\n## ", start + len(heading))
        rest = current[following + 1 :] if following >= 0 else ""
        updated = current[:start] + text.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    DOCS.write_text(updated, encoding="utf-8")
