"""A volunteer's feedback page loads nothing from another host (issue 13).

nbgrader's feedback template loads MathJax from cdnjs.cloudflare.com: opening one's own
feedback told a third party. The page is generated here with the real nbgrader commands
and every ``src``/``href`` in it is read.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.nbgrader import EXERCISE, answer_key, click, nbgrader, submit

pytestmark = pytest.mark.nbgrader


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if name in {"src", "href"}]


def _foreign(links: list[str]) -> list[str]:
    """Links that a browser would fetch from a host: any with a host or an http(s) scheme."""
    return [
        link
        for link in links
        if urlsplit(link).netloc or urlsplit(link).scheme in {"http", "https", "ftp"}
    ]


def test_the_link_check_sees_a_cdn_script() -> None:
    page = _Links()
    page.feed('<script src="https://cdn.example/x.js"></script><a href="#top">t</a>')
    page.feed('<link href="//fonts.example/f.css"><img src="data:image/png;base64,AA">')
    assert _foreign(page.links) == ["https://cdn.example/x.js", "//fonts.example/f.css"]


def test_the_feedback_page_loads_nothing_from_another_host(course: Path) -> None:
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    click(submit(course, "anna"), answer_key(course))
    nbgrader(course, "autograde", EXERCISE, "--force")
    nbgrader(course, "generate_feedback", EXERCISE, "--force")
    html = (course / "feedback" / "anna" / EXERCISE / f"{EXERCISE}.html").read_text("utf-8")
    assert "controle-" in html, "the page is nbgrader's feedback, with its scores"
    page = _Links()
    page.feed(html)
    assert page.links, "the page has its in-page links"
    assert _foreign(page.links) == []
    assert "cdnjs" not in html and "MathJax.js" not in html
