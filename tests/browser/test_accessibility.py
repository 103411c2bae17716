"""axe-core finds no serious or critical violation on the index, or after answers (every module as
it opens: test_voila_module.py).

axe-core comes from npm, pinned in package-lock.json (`make test` runs `npm ci`). It checks the
rendered page, so the widgets' markup and Voila's and JupyterLab's own are checked together.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.text import learner
from tests.support.axe import module_violations
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
VERDICT = re.compile(f"{re.escape(learner.CORRECT)}|{re.escape(learner.INCORRECT)}")


def _blocking_violations(page: Page) -> list[str]:
    """The serious and critical violations of the whole module, not only its first screen."""
    return module_violations(page)


def _open_module(browser: Browser, voila_url: str, module: str, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{voila_url}/voila/render/{module}")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    expect(page.locator("#loading")).to_be_hidden()
    return page


@pytest.mark.parametrize("width", [1280, 375])
def test_the_index_has_no_serious_violation(browser: Browser, voila_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(voila_url + "/")
    expect(page.locator(".coursekit-modules a").first).to_be_visible()
    violations = _blocking_violations(page)
    page.close()
    assert violations == [], "\n".join(violations)


# Every module as it opens is checked by axe in test_voila_module.py
# (test_every_module_renders_its_text_help_lines_and_quizzes): one visit per module serves
# the render, key-leak, policy and axe checks.


def _answer_binary(quiz: Locator, which: int = 0) -> None:
    """Click an answer of the current item and wait for its feedback."""
    quiz.locator(".coursekit-pressed").last.locator("button").nth(which).click()
    expect(quiz.locator("[role=status]").first).to_contain_text(VERDICT)


def _finish_round(quiz: Locator) -> None:
    """Answer the rest of a round, alternating the two answers, up to its summary."""
    summary = quiz.locator(".coursekit-summary")
    next_item = quiz.get_by_role("button", name=learner.NEXT, exact=True)
    for number in range(40):
        if quiz.locator("[role=status]").inner_text().strip():  # answered: on to the next
            # The feedback, then "Volgende" or (after the last item) the summary, reach the
            # page as separate updates: wait for one of the two, never act on the feedback.
            expect(summary.or_(next_item).first).to_be_visible()
            if summary.count():
                break
            next_item.click()
            expect(quiz.locator("[role=status]")).to_have_text("")
        _answer_binary(quiz, number % 2)
    expect(quiz.locator(".coursekit-summary")).to_contain_text(
        learner.ROUND_SCORE.split("{")[0].strip()
    )


def _answer_everything_once(page: Page) -> None:
    """Every question type on the page answered, its feedback open.

    One statement sort and the closing quiz go to the end of a round (score, missed items,
    retry button); every other binary quiz gets one answer. A scenario gets its first answer
    (often wrong: feedback and "try again"), the number drill one help line per situation,
    the conversation one turn, and the reflection a sentence and its model answer.
    """
    binary = page.locator(".coursekit-statementsort, .coursekit-truefalse")
    for index in range(binary.count()):
        _answer_binary(binary.nth(index))
    _finish_round(page.locator(".coursekit-quiz").filter(has_text=learner.SORT_TITLE).first)
    _finish_round(page.locator(".coursekit-mastery .coursekit-quiz").first)
    for quiz in page.locator(".coursekit-scenariochoice").all():
        quiz.locator("input[type=radio]").first.check()
        quiz.get_by_role("button", name=learner.CHECK, exact=True).click()
        expect(quiz.locator("[role=status]")).to_contain_text(VERDICT)
    for quiz in page.locator(".coursekit-numbermatch").all():
        for choice in quiz.locator("select").all():
            choice.select_option(index=1)
        quiz.get_by_role("button", name=learner.CHECK, exact=True).click()
        expect(quiz.locator("[role=status]").first).to_contain_text(VERDICT)
    for quiz in page.locator(".coursekit-conversation").all():
        quiz.locator("input[type=radio]").first.check()
        quiz.get_by_role("button", name=learner.CONVERSATION_SEND, exact=True).click()
        expect(quiz.locator(".coursekit-transcript .coursekit-note")).to_have_count(1)
    for quiz in page.locator(".coursekit-reflection").all():
        quiz.get_by_role("textbox").fill("Ik luister eerst en vraag wat ze nodig heeft.")
        quiz.get_by_role("button", name=learner.REFLECTION_SHOW, exact=True).click()
        expect(quiz.get_by_text(learner.REFLECTION_MODEL).first).to_be_visible()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    ("module", "types"),
    [
        pytest.param(
            "05-meedenken-en-bewijs.ipynb",
            ["truefalse", "numbermatch", "statementsort", "scenariochoice", "reflection"],
            id="05",
        ),
        pytest.param(
            "06-wat-niet-helpt.ipynb",
            ["statementsort", "scenariochoice", "conversation", "reflection", "mastery"],
            id="06",
        ),
    ],
)
def test_answered_questions_and_open_feedback_have_no_serious_violation(
    browser: Browser, voila_url: str, module: str, types: list[str], width: int
) -> None:
    page = _open_module(browser, voila_url, module, width)
    for kind in types:
        expect(page.locator(f".coursekit-{kind}").first).to_be_visible()
    _answer_everything_once(page)
    violations = _blocking_violations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"a11y-{module[:2]}-answered-{width}.png"), full_page=True)
    page.close()
    assert violations == [], "\n".join(violations)
