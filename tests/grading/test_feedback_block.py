"""The feedback page's template and block, on a notebook built here (no gradebook).

``FeedbackExporter`` renders a graded notebook whose cells already carry what nbgrader's
``GetGrades`` puts in them (score, points, comment). Every text that comes from a notebook
or a trainer holds markup here: the page shows it as text, and the block gives it back.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit.grading.feedback_data import BLOCK_ID, dutch_number, read_feedback
from coursekit.grading.feedback_page import TEMPLATE, TEMPLATE_FOLDER
from coursekit.text import learner
from tests.support.feedback import EVIL, render_feedback


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._code = tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self._code = False

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.text.append(data)


def test_markup_in_any_text_is_shown_as_text_and_kept_in_the_block() -> None:
    page = render_feedback()
    elements = _Elements()
    elements.feed(page)
    scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": BLOCK_ID}]
    assert not [tag for tag, _ in elements.tags if tag == "img"]
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    visible = "".join(elements.text)
    # <title> and <h1>, why, better, the prompt, the reflection and the comment.
    assert visible.count(EVIL) == 7
    feedback = read_feedback(page)
    (wrong, right) = feedback.questions
    assert (wrong.why, wrong.better, wrong.right_answer) == (EVIL, EVIL, "helpt niet")
    assert (right.correct, right.why) == (True, None)
    assert feedback.title == f"Oefening {EVIL}"
    reflection = feedback.reflection
    assert reflection is not None
    assert reflection.text == f"Mijn antwoord {EVIL}"
    assert reflection.comment == f"Trainer: {EVIL}"
    assert reflection.prompt is not None and reflection.prompt.startswith("Denk na.")
    assert "check_answered" not in page and "verborgen" not in page, "no code on the page"


def test_the_page_says_the_total_and_points_in_dutch_numbers() -> None:
    page = render_feedback()
    assert learner.FEEDBACK_TOTAL.format(points="2,5", max_points="4") in page
    assert learner.FEEDBACK_REFLECTION_POINTS.format(points="1,5", max_points="2") in page
    assert (dutch_number(7.0), dutch_number(1.5), dutch_number(0.25), dutch_number(-0.0)) == (
        "7",
        "1,5",
        "0,25",
        "0",
    )


def test_without_the_template_there_is_no_english_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert (TEMPLATE_FOLDER / TEMPLATE).is_file()
    monkeypatch.setattr("coursekit.grading.feedback_page.TEMPLATE_FOLDER", tmp_path)
    with pytest.raises(FileNotFoundError, match="feedback template is missing"):
        render_feedback()
