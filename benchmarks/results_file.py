"""A benchmark's results as a JSON file: saved after a run, read back to write the docs again.

The file names its benchmark and a schema version, so that reading the wrong file, or one
from an older layout, fails with one sentence instead of a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any, TypeVar

import pydantic

SCHEMA_VERSION = 1
T = TypeVar("T")


def _plain(value: object) -> Any:
    """What json cannot write by itself: sets, as sorted lists."""
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} kan niet in JSON")


def save(benchmark: str, results: Any, path: Path) -> None:
    """Write ``results`` (a dataclass) for ``benchmark`` to ``path``."""
    document = {
        "benchmark": benchmark,
        "schema_version": SCHEMA_VERSION,
        "results": dataclasses.asdict(results),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=1, default=_plain)
    path.write_text(text + "\n", encoding="utf-8")


def load(benchmark: str, kind: type[T], path: Path) -> T:
    """The results of ``benchmark`` in ``path``, as ``kind``; SystemExit with one sentence."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SystemExit(f"{path}: kan het bestand niet lezen ({error.strerror}).") from None
    except json.JSONDecodeError as error:
        raise SystemExit(f"{path}: geen JSON (regel {error.lineno}: {error.msg}).") from None
    if not isinstance(document, dict) or document.get("benchmark") != benchmark:
        found = document.get("benchmark") if isinstance(document, dict) else None
        raise SystemExit(
            f"{path}: geen uitkomst van benchmarks.{benchmark} (het bestand is van "
            f"{found or 'geen benchmark'})."
        )
    if document.get("schema_version") != SCHEMA_VERSION:
        raise SystemExit(
            f"{path}: schema_version {document.get('schema_version')}, deze code leest "
            f"{SCHEMA_VERSION}; meet opnieuw."
        )
    try:
        return pydantic.TypeAdapter(kind).validate_python(document.get("results"))
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "results"
        raise SystemExit(
            f"{path}: {error.error_count()} fout(en) in de uitkomst, de eerste bij "
            f"{where}: {first['msg']}."
        ) from None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--write-docs [FILE]`` and either ``--save-results`` or ``--from-results``: the same
    for every benchmark."""
    from benchmarks.performance_doc import DOCS

    parser.add_argument(
        "--write-docs",
        nargs="?",
        const=DOCS,
        type=Path,
        metavar="BESTAND",
        help="schrijf de sectie in docs/performance.md (of in BESTAND)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--save-results", type=Path, metavar="BESTAND.json", help="bewaar de uitkomst als JSON"
    )
    source.add_argument(
        "--from-results",
        type=Path,
        metavar="BESTAND.json",
        help="niet meten: de uitkomst uit BESTAND.json (de meetopties tellen dan niet)",
    )
