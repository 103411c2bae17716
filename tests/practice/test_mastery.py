"""How a closing quiz ends (issue 17, "end states"): one next step in words when it is not
yet passed, the course-wide review is no module's end, and no retry says "in one go".
Driven through the public API with .click(), as in test_widgets."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

import coursekit
from coursekit.content.course import course
from coursekit.content.guidance import guidance_title, matches
from coursekit.text import learner
from tests.practice.test_widgets import _finish, _label, _wrong_label
from tests.support.widget_state import button, find_all, tree_state

#: The buttons that end a round: the quiz's own retry and the closing quiz's new round.
_ROUND_BUTTONS = {learner.RETRY_MISSED, learner.MASTERY_RETRY}


def _text(widget: widgets.Widget) -> str:
    """What the learner reads: the HTML of every visible part, without tags."""
    values = [w.value for w in find_all(widget, widgets.HTML) if w.layout.display != "none"]
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(values)))


def _round_buttons(widget: widgets.Widget) -> list[str]:
    return [
        b.description
        for b in find_all(widget, widgets.Button)
        if b.description in _ROUND_BUTTONS and b.layout.display != "none"
    ]


def test_a_closing_quiz_not_passed_ends_with_one_next_step_that_names_its_button() -> None:
    mastery = coursekit.mastery(4, seed=4, size=5)
    assert learner.PROGRESS.format(number=1, total=5) in _text(mastery)
    first = mastery.quiz._round[0]
    button(mastery.quiz, _wrong_label(first.key)).click()
    button(mastery.quiz, learner.NEXT).click()
    assert learner.PROGRESS.format(number=2, total=5) in _text(mastery)
    _finish(mastery.quiz, _wrong_label)
    assert not mastery.mastered
    text = " ".join(_text(mastery).split())
    # One next step, in words, with the button named as it is; and one button to take it.
    assert text.count("Wat nu?") == 1
    assert f"Kies daarna „{learner.MASTERY_RETRY}”" in text
    assert _round_buttons(mastery) == [learner.MASTERY_RETRY]
    # What to read again: the points of the missed questions, by their Dutch titles.
    taught = course().module(4).guidance
    assert guidance_title(next(g for g in first.guidance if matches([g], taught))) in text
    button(mastery, learner.MASTERY_RETRY).click()
    assert "Wat nu?" not in _text(mastery) and _round_buttons(mastery) == []


def test_the_course_wide_review_says_what_it_is_and_what_comes_next() -> None:
    review = coursekit.review(size=4, seed=1)
    _finish(review.quiz, _wrong_label)
    missed = " ".join(_text(review).split())
    assert "(module " in missed and f"„{learner.MASTERY_RETRY}”" in missed
    button(review, learner.MASTERY_RETRY).click()
    _finish(review.quiz, _label)
    assert review.mastered
    text = " ".join(_text(review).split())
    assert "Module klaar" not in text and "module klaar" not in text
    assert "herhaling van de hele cursus gedaan" in text
    assert learner.REVIEW_WHAT_NEXT in text


def test_no_round_says_in_one_go_and_the_closing_quiz_says_the_first_answer_counts() -> None:
    sort = coursekit.sort(["H2", "H3"], seed=2, size=3)
    _finish(sort, _wrong_label)
    button(sort, learner.RETRY_MISSED).click()
    _finish(sort, _label)  # the retry round: all right now, but not on the first try
    mastery = coursekit.mastery(2, seed=1, size=3)
    _finish(mastery.quiz, _label)
    for widget in (sort, mastery):
        assert "in één keer" not in tree_state(widget)
    assert "eerste antwoord" in _text(mastery)
