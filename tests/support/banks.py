"""Packaged bank files by name, for tests that look at one file of a kind."""

from __future__ import annotations

from typing import Any

from coursekit.content.kinds import ItemKind, packaged_banks


def packaged_file(kind: ItemKind[Any, Any], name: str) -> Any:
    """The validated bank file ``name`` (e.g. 'statements_m6.yaml') of a kind."""
    (file,) = [f for f in kind.files(packaged_banks()) if f.name == name]
    return kind.load(file)
