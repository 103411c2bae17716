"""The guidance points (W1 … S1, X1 … X6) that every section and item must name, and their
Dutch titles."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from coursekit.text import editor

_POINTS_FILE = "guidance_points.yaml"


@cache
def guidance_ids() -> frozenset[str]:
    """The IDs of every guidance point, from the packaged copy of points.yaml."""
    text = resources.files("coursekit.data").joinpath(_POINTS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return frozenset(data["points"]) | frozenset(data.get("extras", {}))


def section_of(guidance_id: str) -> str:
    """The section letter of a guidance ID: 'N' for 'N3', 'X' for 'X1'."""
    return guidance_id.rstrip("0123456789")


def known_guidance(cls: type, value: list[str]) -> list[str]:
    """Field validator: every guidance ID must exist in points.yaml."""
    unknown = [gid for gid in value if gid not in guidance_ids()]
    if unknown:
        raise ValueError(editor.ERR_GUIDANCE_UNKNOWN.format(ids=", ".join(unknown)))
    return value


def matches(guidance: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any guidance ID is wanted, where 'N' wants every N point and 'N3' only N3."""
    wanted = set(wanted)
    return any(gid in wanted or section_of(gid) in wanted for gid in guidance)


@cache
def guidance_titles() -> dict[str, str]:
    text = (
        resources.files("coursekit.data")
        .joinpath("guidance_titles_nl.yaml")
        .read_text(encoding="utf-8")
    )
    titles: dict[str, str] = yaml.safe_load(text)
    return titles


def guidance_title(guidance_id: str) -> str:
    """The Dutch title of a guidance point, for what learners read."""
    return guidance_titles().get(guidance_id, guidance_id)
