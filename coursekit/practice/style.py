"""The quiz styles, as a hidden widget that every quiz puts first."""

from __future__ import annotations

from functools import cache
from importlib import resources

import ipywidgets as widgets


@cache
def _css() -> str:
    return resources.files("coursekit.practice").joinpath("quiz.css").read_text(encoding="utf-8")


def stylesheet() -> widgets.HTML:
    """The quiz styles as a hidden widget: applies in Voila and JupyterLab, no JavaScript."""
    return widgets.HTML(f"<style>{_css()}</style>", layout={"display": "none"})
