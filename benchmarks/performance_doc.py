"""docs/performance.md: each benchmark replaces its own section and keeps the others."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import ROOT

DOCS = ROOT / "docs" / "performance.md"
INTRO = (
    "# Prestaties\n\n"
    "Hier staan de laatste metingen van de benchmarks in `benchmarks/`, met de datum en de\n"
    "machine waarop ze zijn gedaan. Elke benchmark vergelijkt met een basismeting uit\n"
    "dezelfde run; hoe je ze draait, staat in `benchmarks/README.md`.\n"
)


def write_section(heading: str, text: str, docs: Path = DOCS) -> None:
    """Replace the section that starts with ``heading`` by ``text``, or add it at the end.

    ``docs`` is docs/performance.md unless a run asks for another file (to check the text).
    """
    docs.parent.mkdir(parents=True, exist_ok=True)
    current = docs.read_text(encoding="utf-8") if docs.exists() else INTRO
    start = current.find(heading)
    if start < 0:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        following = current.find("\n## ", start + len(heading))
        rest = current[following + 1 :] if following >= 0 else ""
        updated = current[:start] + text.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    docs.write_text(updated, encoding="utf-8")


def shown(path: Path) -> Path:
    """``path`` relative to the repository when it is inside it, for a progress line."""
    resolved = path.resolve()
    return resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else path
