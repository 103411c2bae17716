"""A page's first table and its text, read with the standard library's HTML parser
(for tests of the Groepsoverzicht, on a test server or through the hub)."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Table(HTMLParser):
    """The first table's header cells (with aria-sort) and body rows, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[tuple[str, str | None]] = []
        self.rows: list[list[str]] = []
        self._depth = 0  # inside the first table
        self._done = False
        self._part = ""
        self._cell: list[str] | None = None
        self._sort: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth and tag in ("thead", "tbody"):
            self._part = tag
        elif self._depth and tag == "tr" and self._part == "tbody":
            self.rows.append([])
        elif self._depth and tag in ("th", "td"):
            self._cell, self._sort = [], dict(attrs).get("aria-sort")

    def handle_endtag(self, tag: str) -> None:
        if self._done or not self._depth:
            return
        if tag == "table":
            self._done = True
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._part == "thead":
                self.headers.append((text, self._sort))
            else:
                self.rows[-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._done:
            self._cell.append(data)


def table(html: str) -> Table:
    """The first table in ``html``."""
    parsed = Table()
    parsed.feed(html)
    return parsed


def page_text(html: str) -> str:
    """The page's text, tags taken out, white space made single."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
