"""The visible text of the Voila templates: what a learner reads around every module.

Visible text is an element's text and the values of ``aria-label``, ``title`` and ``alt``
(read aloud or shown on hover). Jinja (``{{ }}``, ``{% %}``, ``{# #}``), tags and their
other attributes (``class``, ``href``), and what is inside ``<style>`` and ``<script>`` are
not: they are code, and the course's own sentences that Jinja fills in are checked where
they come from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from importlib.resources.abc import Traversable

from coursekit.quality.texts import Text

# The packaged template folder, and how the report names it.
TEMPLATES: Traversable = (
    resources.files("coursekit.site").joinpath("voila_template").joinpath("coursekit")
)
TEMPLATES_NAME = "coursekit/site/voila_template/coursekit"
# Mijn cursus, the volunteer's pages on the hub (coursekit.mijn_cursus): read the same way.
MIJN_CURSUS_TEMPLATES: Traversable = resources.files("coursekit.mijn_cursus").joinpath("templates")
MIJN_CURSUS_TEMPLATES_NAME = "coursekit/mijn_cursus/templates"

_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_READ_ATTRIBUTES = frozenset({"aria-label", "title", "alt"})
_CODE_ELEMENTS = frozenset({"script", "style"})


def template_texts(folder: Traversable = TEMPLATES, name: str | None = None) -> Iterator[Text]:
    """The visible text of every ``*.j2`` and ``*.html`` file in ``folder``, one ``Text``
    per text or attribute, named e.g. 'coursekit/site/voila_template/coursekit/tree.html regel 30'
    (``name`` stands for the folder; by default its own name)."""
    if name is None:
        name = TEMPLATES_NAME if folder == TEMPLATES else folder.name
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith((".j2", ".html")):
            for line, text in visible_text(entry.read_text(encoding="utf-8")):
                yield Text(f"{name}/{entry.name} regel {line}", None, text)


def visible_text(template: str) -> list[tuple[int, str]]:
    """(line, text) of what a template shows; Jinja is taken out, the lines are kept."""
    parser = _VisibleText()
    parser.feed(_JINJA.sub(lambda m: " " + "\n" * m.group().count("\n"), template))
    parser.close()
    return parser.found


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_code = tag in _CODE_ELEMENTS
        for attribute, value in attrs:
            if attribute in _READ_ATTRIBUTES and value and value.strip():
                self.found.append((self.getpos()[0], " ".join(value.split())))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_code = False

    def handle_endtag(self, tag: str) -> None:
        if tag in _CODE_ELEMENTS:
            self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_code or not data.strip():
            return
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.found.append((line, " ".join(data.split())))
