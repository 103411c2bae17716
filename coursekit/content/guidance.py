"""The guidance points that every section and item must name, and their Dutch titles: the
seed's points and extras (W1 … S1, X1 … X6, ``guidance_points.yaml``, a copy of the shared
points.yaml) and the points beyond the seed (X7 … X25, ``guidance_beyond_seed.yaml``,
converted from the shared points-beyond-seed.yaml)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from coursekit.content.loading import fast_yaml
from coursekit.text import editor

_POINTS_FILES = ("guidance_points.yaml", "guidance_beyond_seed.yaml")


@cache
def guidance_points() -> dict[str, dict[str, object]]:
    """Every guidance point by ID (kind, title, summary; beyond the seed also topic,
    confidence, note and source), from both packaged files."""
    found: dict[str, dict[str, object]] = {}
    for name in _POINTS_FILES:
        text = resources.files("coursekit.data").joinpath(name).read_text(encoding="utf-8")
        data = fast_yaml(text)
        for part in ("points", "extras"):
            for gid, point in data.get(part, {}).items():
                if gid in found:
                    raise ValueError(f"{name}: guidance ID {gid} is defined twice")
                found[gid] = point
    return found


@cache
def guidance_ids() -> frozenset[str]:
    """The IDs of every guidance point."""
    return frozenset(guidance_points())


def guidance_kind(guidance_id: str) -> str:
    """How a point is used in quizzes: fact, helpful, harmful or resource."""
    return str(guidance_points()[guidance_id]["kind"])


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
    titles: dict[str, str] = fast_yaml(text)
    return titles


def guidance_title(guidance_id: str) -> str:
    """The Dutch title of a guidance point, for what learners read."""
    return guidance_titles().get(guidance_id, guidance_id)
