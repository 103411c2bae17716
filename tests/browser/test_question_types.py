"""Each question type in a real Voila page, completed with the keyboard only.

The fixture pages are built in code, one notebook per type (``types_url`` in conftest.py),
and served with the course's own voila.json, so the template and settings are those of
`make serve`. What a screen reader hears of each type, and whether it fits a phone:
test_answer_semantics.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit.text import learner
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"


def _open(browser: Browser, url: str, name: str, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}/voila/render/{name}.ipynb")
    expect(page.locator(".coursekit-quiz, .coursekit-mastery").first).to_be_visible(timeout=60_000)
    return page


def _tab_to(page: Page, predicate: str, what: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies a JS predicate on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!el && ({predicate}); }})()"
        ):
            return
    pytest.fail(f"Tab never reached {what}")


def _tab_to_button(page: Page, text: str) -> None:
    _tab_to(
        page, f"el.tagName === 'BUTTON' && el.innerText.trim() === {text!r}", f"button {text!r}"
    )


def _verdict(page: Page) -> None:
    quiz = page.locator(".coursekit-quiz").first
    expect(
        quiz.get_by_text(learner.CORRECT).or_(quiz.get_by_text(learner.INCORRECT)).first
    ).to_be_visible()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"type-{name}.png"), full_page=True)


def test_statement_sort_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "sort")
    _tab_to_button(page, learner.CONFIDENCE_UNSURE)
    page.keyboard.press("Enter")
    _tab_to_button(page, learner.LABEL_HARMFUL)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "3px", "the focused control shows a clear outline"
    page.keyboard.press("Enter")
    _verdict(page)
    _tab_to_button(page, learner.NEXT)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vraag 2 van")).to_be_visible()
    _shot(page, "sort")
    page.close()


def test_true_or_false_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "true_or_false")
    _tab_to_button(page, learner.LABEL_TRUE)
    page.keyboard.press("Enter")
    _verdict(page)
    _tab_to_button(page, learner.NEXT)
    page.keyboard.press("Enter")
    _tab_to_button(page, learner.LABEL_FALSE)
    page.keyboard.press("Enter")
    expect(page.get_by_text(learner.ROUND_SCORE.split("{")[0].strip())).to_be_visible()
    _shot(page, "true-or-false")
    page.close()


def test_numbers_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "numbers")
    _tab_to(page, "el.tagName === 'SELECT'", "the first situation's list")
    page.keyboard.press("a")  # type-ahead picks "Alarmnummer"
    _tab_to_button(page, learner.CHECK)
    page.keyboard.press("Enter")
    _verdict(page)
    _shot(page, "numbers")
    page.close()


def test_scenario_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "scenario")
    _tab_to(page, "el.type === 'radio'", "the answers")
    page.keyboard.press("ArrowDown")
    _tab_to_button(page, learner.CHECK)
    page.keyboard.press("Enter")
    _verdict(page)
    _shot(page, "scenario")
    page.close()


def test_conversation_to_its_debrief_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "conversation")
    replies = page.locator(".coursekit-transcript strong").filter(
        has_text=re.compile(rf"^{learner.CONVERSATION_YOU}:$")
    )
    for turn in range(6):
        if page.get_by_text(learner.CONVERSATION_DEBRIEF).count():
            break
        _tab_to(page, "el.type === 'radio'", "the choices")
        page.keyboard.press("Space")
        _tab_to_button(page, learner.CONVERSATION_SEND)
        page.keyboard.press("Enter")
        # The reply is in the transcript: the kernel has answered, the next choices are there.
        expect(replies).to_have_count(turn + 1)
    expect(page.get_by_text(learner.CONVERSATION_TOUCHED).first).to_be_visible()
    _shot(page, "conversation")
    page.close()


def test_reflection_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "reflection")
    _tab_to(page, "el.tagName === 'TEXTAREA'", "the text box")
    page.keyboard.type("Ik wil eerst luisteren.")
    _tab_to_button(page, learner.REFLECTION_SHOW)
    page.keyboard.press("Enter")
    expect(page.get_by_text(learner.REFLECTION_MODEL).first).to_be_visible()
    _shot(page, "reflection")
    page.close()


def test_recap_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "recap")
    expect(page.get_by_text(learner.RECAP_TITLE)).to_be_visible()
    _tab_to_button(page, learner.LABEL_HELPFUL)
    page.keyboard.press("Enter")
    _verdict(page)
    page.close()


def test_mastery_round_by_keyboard(browser: Browser, types_url: str) -> None:
    page = _open(browser, types_url, "mastery")
    for number in range(2):
        _tab_to_button(page, learner.LABEL_HARMFUL)
        page.keyboard.press("Enter")
        if number == 0:
            _tab_to_button(page, learner.NEXT)
            page.keyboard.press("Enter")
    # The round's result, in the mastery's own status line (the intro above says "… dan is
    # deze module klaar" too, so the words alone would match before the result is there).
    done_or_not = "|".join(
        re.escape(text.split("{")[0]) for text in (learner.MASTERY_DONE, learner.MASTERY_NOT_YET)
    )
    result = page.locator(".coursekit-mastery [role=status]").filter(
        has_text=re.compile(f"^({done_or_not})")
    )
    expect(result).to_be_visible()
    _shot(page, "mastery")
    page.close()
