"""The quiz styles, as one hidden widget that every quiz puts first."""

from __future__ import annotations

from functools import cache
from importlib import resources

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from coursekit.practice import shared


@cache
def _css() -> str:
    """quiz.css, then the answer controls' styles (static/controls.css)."""
    package = resources.files("coursekit.practice")
    return "\n".join(
        package.joinpath(*name.split("/")).read_text(encoding="utf-8")
        for name in ("quiz.css", "static/controls.css")
    )


def stylesheet() -> widgets.HTML:
    """The quiz styles as a hidden widget: applies in Voila and JupyterLab, no JavaScript.

    One widget for the whole page (the styles never change): every quiz puts the same one
    first, so the page receives the styles once, not once per quiz."""
    return shared.one(
        ("stylesheet",),
        lambda: widgets.HTML(
            f"<style>{_css()}</style>",
            layout=shared.layout(display="none"),
            style=shared.style(HTMLStyle),
        ),
    )
