"""How feedback looks: correctness in words, an icon and colour, in a status region."""

from __future__ import annotations

import html
from functools import cache
from importlib import resources

import ipywidgets as widgets

from coursekit import strings

_GREEN = "#1b6e20"
_RED = "#a4161a"


def verdict(correct: bool, detail: str = "") -> str:
    """'✔ Goed.' or '✘ Niet goed.' in colour, followed by a sentence of detail (HTML)."""
    word = strings.CORRECT if correct else strings.INCORRECT
    kind = "coursekit-correct" if correct else "coursekit-incorrect"
    colour = _GREEN if correct else _RED
    tail = f" {detail}" if detail else ""
    return f'<p class="{kind}"><strong style="color:{colour}">{word}</strong>{tail}</p>'


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def better(text: str) -> str:
    return f"<p><strong>{strings.SORT_BETTER}</strong> “{html.escape(text)}”</p>"


def status(*parts: str) -> str:
    """Feedback parts in a polite live region, placed right after the answer controls."""
    return '<div role="status" aria-live="polite">' + "".join(parts) + "</div>"


@cache
def _css() -> str:
    return resources.files("coursekit").joinpath("static/quiz.css").read_text(encoding="utf-8")


def stylesheet() -> widgets.HTML:
    """The quiz styles as a hidden widget: applies in Voila and JupyterLab, no JavaScript."""
    return widgets.HTML(f"<style>{_css()}</style>", layout={"display": "none"})
