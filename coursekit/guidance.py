"""The guidance points (W1 … S1, X1 … X6) that every section and item must name."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

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
