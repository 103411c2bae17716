"""The item analysis page: a jinja2 template, escaped, self-contained, its words from strings."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit.grading import report_page
from coursekit.grading.item_analysis import Analysis, Item, ItemScore, Submission, analyse
from coursekit.grading.report_page import render_html
from coursekit.text import trainer

TEMPLATES = Path(report_page.__file__).parent / "templates"
ATTACK = '<script>alert("sleutel")</script>'
SORT = ("helpful", "harmful")


def _analysis() -> Analysis:
    """Four items: a sort, a true-false, a choice with options, and one nbgrader only knows."""
    items = [
        Item("z1", 1, "sort", f"Zeg: {ATTACK} & ga door", "harmful", SORT),
        Item("w1", 2, "true-false", "Waar of niet?", "false", ("true", "false")),
        Item(
            "k1",
            3,
            "choice",
            "Wie bel je?",
            "b",
            ("a", "b", "c"),
            (("a", "112"), ("b", '<img src="x" onerror="stuur()">'), ("c", "Niemand")),
        ),
        Item("p1", 4, "", "", None, ()),
    ]
    table: dict[str, list[float | None]] = {
        "z1": [1, 1, 0, 1, 0, None],
        "w1": [1, 0, 0, 1, 0, 1],
        "k1": [1, 1, 1, 0, 0, 1],
        "p1": [0, 0, 0, 0, 0, 0],
    }
    answers: list[dict[str, str] | None] = [
        {"z1": "harmful", "w1": "false", "k1": "b"},
        {"z1": "harmful", "w1": "true", "k1": "b"},
        {"z1": "helpful", "k1": "a"},
        {"z1": "harmful", "w1": "false"},
        {},
        None,
    ]
    learners = [
        Submission(
            f"L{n}",
            {i: ItemScore(v, 1.0) for i, row in table.items() if (v := row[n]) is not None},
            answers[n],
        )
        for n in range(len(answers))
    ]
    return analyse(items, learners)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(_analysis(), 'wat-"niet"-helpt', date(2026, 11, 26))


class _Page(HTMLParser):
    """The elements of a page, and the text inside each kind of element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"img", "meta", "br"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.text.setdefault(self._open[-1], []).append(data.strip())


def test_text_from_the_course_is_escaped_never_markup(page: str) -> None:
    parsed = _Page(page)
    assert [tag for tag, _ in parsed.tags if tag == "script"] == []
    assert not any("onerror" in attrs for _, attrs in parsed.tags)
    assert f"Zeg: {ATTACK} & ga door" in parsed.text["p"], "shown as text, as written"
    assert 'b. <img src="x" onerror="stuur()">' in parsed.text["li"]
    assert 'Itemanalyse: wat-"niet"-helpt' in parsed.text["title"]


def test_the_page_is_one_file_with_its_stylesheet_inlined(page: str) -> None:
    css = (TEMPLATES / report_page.STYLESHEET).read_text(encoding="utf-8")
    (style,) = re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL)
    assert style.strip() == css.strip(), "inlined as written, quotes not escaped"
    tags = _Page(page).tags
    assert [tag for tag, _ in tags if tag in {"link", "script", "iframe", "object"}] == []
    sources = [attrs["src"] or "" for tag, attrs in tags if tag == "img"]
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert re.search(r"https?://|url\(|@import", page) is None


def test_the_overview_has_a_row_per_question_and_marks_the_flagged(page: str) -> None:
    analysis = _analysis()
    tags = _Page(page).tags
    assert sum(tag == "th" and attrs.get("scope") == "col" for tag, attrs in tags) == 9
    rows = [attrs for tag, attrs in tags if tag == "tr"][1:]  # the first holds the headers
    assert len(rows) == len(analysis.items)
    assert [r.get("class") == "flagged" for r in rows] == [bool(s.flags) for s in analysis.items]
    assert page.count('<span class="flag">⚑') == len(analysis.flagged) > 0
    assert page.count('<p class="flag">⚑') == len(analysis.flagged)


def test_every_question_has_a_section_and_a_bar_chart_if_it_has_choices(page: str) -> None:
    parsed = _Page(page)
    sections = [attrs["aria-labelledby"] for tag, attrs in parsed.tags if tag == "section"]
    assert sections == ["v-z1", "v-w1", "v-k1", "v-p1"]
    alts = [attrs["alt"] or "" for tag, attrs in parsed.tags if tag == "img"]
    assert len(alts) == 1 + 3, "the scatter plot, and bars for the three questions with choices"
    assert alts[0].startswith("Spreidingsdiagram") and "Vraag 4: aandeel goed 0,00" in alts[0]
    assert all(alt.startswith("Staafdiagram van vraag") for alt in alts[1:])
    assert parsed.text["li"][:1] == ["a. 112"]


def test_the_words_on_the_page_are_the_catalogs(page: str) -> None:
    text = _Page(page).text
    assert text["h2"] == [
        trainer.IA_MEANING_TITLE,
        trainer.IA_TABLE_TITLE,
        trainer.IA_SCATTER_TITLE,
        trainer.IA_ANSWERS_TITLE,
    ]
    assert trainer.IA_KEY_WARNING in text["p"]
    assert trainer.IA_INTRO.format(date="26-11-2026") in text["p"]
    assert trainer.IA_TABLE_CAPTION in text["caption"]


def test_the_template_holds_markup_and_no_words_of_its_own() -> None:
    source = (TEMPLATES / report_page.TEMPLATE).read_text(encoding="utf-8")
    bare = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", source, flags=re.DOTALL)
    bare = re.sub(r"<[^>]*>", " ", bare)
    assert re.findall(r"[^\W\d_]{2,}", bare) == [], "every word comes from the context"
