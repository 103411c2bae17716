"""How a module page reads from the top (issue 17): an easy-read summary, "In het kort",
right after the title, and no heading said twice where a notebook's heading and the
widget under it would both name the same thing."""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from coursekit.content.course import Module, course
from tests.support.widget_state import find_all

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {int(p.name[:2]): p for p in sorted((ROOT / "modules").glob("[0-9][0-9]-*.ipynb"))}

#: Easy-read: 3 to 6 points, and at most this many words in a sentence.
MOST_WORDS = 12


def _cells(module: Module) -> list[nbformat.NotebookNode]:
    return list(nbformat.read(NOTEBOOKS[module.number], as_version=4).cells)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.slug)
def test_every_module_opens_with_an_easy_read_summary(module: Module) -> None:
    title, summary_heading, summary, rest = _cells(module)[0].source.split("\n\n", 3)
    assert title == f"# {module.title}"
    assert summary_heading == "## In het kort", "right after the title"
    assert rest.startswith("**Wat leer je?**"), "before what the module teaches"
    points = summary.split("\n")
    assert 3 <= len(points) <= 6 and all(p.startswith("- ") for p in points)
    sentences = [s for p in points for s in re.split(r"(?<=[.?!])\s+", p[2:])]
    too_long = [s for s in sentences if len(_words(s)) > MOST_WORDS]
    assert too_long == []
    assert not re.search(r"\d", summary), "no numbers: say 'het alarmnummer', not the number"


def _norm(text: str) -> tuple[str, ...]:
    """A heading as words, without case, order or punctuation."""
    return tuple(sorted(w.casefold() for w in _words(html.unescape(text))))


def _first_heading(widget: widgets.Widget) -> str | None:
    for part in find_all(widget, widgets.HTML):
        found = re.search(r"<h[1-6][^>]*>(.*?)</h[1-6]>", part.value, re.S)
        if found:
            return re.sub(r"<[^>]+>", "", found.group(1))
    return None


def _opening(markdown: str) -> str:
    """What a Markdown cell says first: its last heading, or else its first sentence."""
    headings = [line.lstrip("#").strip() for line in markdown.split("\n") if line.startswith("#")]
    if headings:
        return headings[-1]
    return re.split(r"(?<=[.?!])\s", markdown.strip(), maxsplit=1)[0]


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.slug)
def test_no_heading_is_said_twice_by_a_notebook_and_the_widget_under_it(module: Module) -> None:
    """Runs the module's code cells (one-line calls) and compares each widget's own heading
    with the Markdown cell right before it. A widget without a heading of its own (the
    closing quiz, the review) must have a Markdown heading cell right before it."""
    namespace: dict[str, object] = {}
    before: str | None = None
    doubled: list[str] = []
    unnamed: list[str] = []
    for cell in _cells(module):
        if cell.cell_type == "markdown":
            before = cell.source
            continue
        if cell.source.startswith(("from ", "import ")):
            exec(cell.source, namespace)  # the notebook's own import line
            continue
        shown = eval(cell.source, namespace)  # a one-line call: quiz("N1")
        own = _first_heading(shown) if isinstance(shown, widgets.Widget) else None
        if before is not None and own is not None and _norm(own) == _norm(_opening(before)):
            doubled.append(f"{cell.source}: {own}")
        closing = cell.source.startswith(("mastery(", "review("))
        if own is None and closing and (before is None or not before.startswith("## ")):
            unnamed.append(cell.source)
        before = None
    assert doubled == []
    assert unnamed == []
