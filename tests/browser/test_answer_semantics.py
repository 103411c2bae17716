"""What a screen reader hears of every question type, before and after an answer, on a phone.

One visit per type (the pages of ``types_url``), at 375 x 740 px. Chromium's own
accessibility tree (tests/support/ax_tree.py, over the DevTools protocol) must show: one
polite status region per quiz, there and empty before the first answer, whose text starts
with the verdict after it; single-choice answers as a radio group named by the question, with
radios that are checked; two-answer items and the confidence question as buttons with a
pressed state, disabled and still pressed after the answer. The same visit checks what a
volunteer sees: the page fits the screen, every answer control is at least 44 x 44 px with
text of at least 16 px and a line height of 1.5, the conversation's feedback is on screen
after a reply without scrolling, the chosen answer shows in forced colours, and axe (WCAG 2.1
AA and best practice) finds nothing serious in the quiz.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.text import learner
from tests.browser.conftest import PAGES
from tests.support.ax_tree import controls, describe
from tests.support.axe import AXE
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
QUIZ = ".coursekit-quiz"
VERDICT = (learner.CORRECT, learner.INCORRECT)
REPLY_VERDICT = (learner.CONVERSATION_HELPS, learner.CONVERSATION_DOES_NOT_HELP)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Every answer control's box, text size and line height, and whether its text fits in it.
MEASURE = """(root) => [...root.querySelectorAll(
    '.coursekit-choice label, .coursekit-pressed button, .coursekit-quiz .jupyter-button,'
    + ' .coursekit-quiz select')]
  .filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const line = s.lineHeight === 'normal' ? 1.2 * size : parseFloat(s.lineHeight);
    return {text: el.innerText.trim().slice(0, 40), width: r.width, height: r.height, size,
            line: line / size, fits: el.scrollWidth <= el.clientWidth + 1}; })"""


def _click_answer(text: str) -> Callable[[Locator], None]:
    def answer(quiz: Locator) -> None:
        quiz.get_by_role("button", name=text, exact=True).click()

    return answer


def _choose_first_and(button: str) -> Callable[[Locator], None]:
    def answer(quiz: Locator) -> None:
        quiz.locator(".coursekit-choice label").first.click()
        quiz.get_by_role("button", name=button, exact=True).click()

    return answer


def _numbers(quiz: Locator) -> None:
    quiz.locator("select").first.select_option(index=1)
    quiz.get_by_role("button", name=learner.CHECK, exact=True).click()


def _reflection(quiz: Locator) -> None:
    quiz.locator("textarea").fill("Ik wil eerst luisteren.")
    quiz.get_by_role("button", name=learner.REFLECTION_SHOW, exact=True).click()


# Per type: how to answer it, what the region's text starts with, and which role the
# answer control has ("button": pressed buttons, "radio": a radio group, "next radio": a
# radio group that offers the next choices after an answer, None: neither).
CASES: dict[str, tuple[Callable[[Locator], None], tuple[str, ...], str | None]] = {
    "sort": (_click_answer(learner.LABEL_HARMFUL), VERDICT, "button"),
    "true_or_false": (_click_answer(learner.LABEL_TRUE), VERDICT, "button"),
    "numbers": (_numbers, (learner.NUMBERS_SITUATION.format(number=1),), None),
    "scenario": (_choose_first_and(learner.CHECK), VERDICT, "radio"),
    "conversation": (_choose_first_and(learner.CONVERSATION_SEND), REPLY_VERDICT, "next radio"),
    "reflection": (_reflection, (learner.REFLECTION_MODEL,), None),
    "recap": (_click_answer(learner.LABEL_HELPFUL), VERDICT, "button"),
    "mastery": (_click_answer(learner.LABEL_HARMFUL), VERDICT, "button"),
}
#: The answers of the two-answer items: the confidence buttons are not answered here.
ANSWERS = {learner.LABEL_HELPFUL, learner.LABEL_HARMFUL, learner.LABEL_TRUE, learner.LABEL_FALSE}


def test_every_question_type_is_under_this_test() -> None:
    assert set(CASES) == set(PAGES)


def _one_region(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    regions = [n for n in nodes if n["role"] == "status"]
    assert len(regions) == 1, "one live region per quiz:\n" + describe(nodes)
    assert regions[0].get("live") == "polite"
    return regions[0]


def _check_before(nodes: list[dict[str, Any]], role: str | None) -> None:
    assert _one_region(nodes)["text"] == "", "the region is on the page, empty"
    if role in ("radio", "next radio"):
        (group,) = [n for n in nodes if n["role"] == "radiogroup"]
        assert group["name"], "the radio group is named by the question"
        radios = [n for n in nodes if n["role"] == "radio"]
        assert len(radios) >= 2 and all(r["checked"] == "false" for r in radios)
        assert all(r["name"] for r in radios), "each radio has its label"
    elif role == "button":
        answers = [n for n in nodes if n["role"] == "button" and n["name"] in ANSWERS]
        assert len(answers) == 2 and all(a["pressed"] == "false" for a in answers)
        assert not any(a.get("disabled") for a in answers)
        groups = [n for n in nodes if n["role"] == "group"]
        assert groups and all(g["name"] for g in groups), "each group of buttons is named"


def _check_after(nodes: list[dict[str, Any]], role: str | None, starts: tuple[str, ...]) -> None:
    region = _one_region(nodes)
    assert region["text"].startswith(starts), f"verdict first: {region['text']!r}"
    if role == "radio":
        radios = [n for n in nodes if n["role"] == "radio"]
        checked = [r["checked"] for r in radios]
        assert checked[0] == "true" and checked.count("true") == 1, describe(nodes)
    elif role == "next radio":
        radios = [n for n in nodes if n["role"] == "radio"]
        assert radios and all(r["checked"] == "false" for r in radios), describe(nodes)
    elif role == "button":
        answers = [n for n in nodes if n["role"] == "button" and n["name"] in ANSWERS]
        assert sorted(a["pressed"] for a in answers) == ["false", "true"], describe(nodes)
        assert all(a.get("disabled") for a in answers), "answered: disabled, still pressed"


def _axe_on_quiz(page: Page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate(
        "(options) => axe.run(document.querySelector('.coursekit-quiz'), options)", options
    )
    return [
        f"{rule['id']} ({node.get('impact') or rule['impact']}): {node['target']}"
        for rule in result["violations"]
        for node in rule["nodes"]
        if (node.get("impact") or rule["impact"]) in ("serious", "critical")
    ]


def _measure(page: Page) -> list[dict[str, Any]]:
    measured: list[dict[str, Any]] = page.locator(QUIZ).first.evaluate(MEASURE)
    return measured


# The look of the two answer buttons (chosen, not chosen) and their transition.
LOOK = """() => [...document.querySelectorAll('.coursekit-quiz .coursekit-pressed button')]
  .slice(-2).map(b => { const s = getComputedStyle(b);
    return {pressed: b.getAttribute('aria-pressed'), border: s.borderTopWidth + ' '
      + s.borderTopColor, background: s.backgroundColor, transition: s.transitionDuration}; })"""


def _chosen_shows_in_forced_colours_and_nothing_moves(page: Page) -> None:
    page.emulate_media(forced_colors="active", reduced_motion="reduce")
    chosen, other = sorted(page.evaluate(LOOK), key=lambda b: b["pressed"], reverse=True)
    assert chosen["pressed"] == "true" and other["pressed"] == "false"
    assert chosen["border"] != other["border"], "the chosen answer by its border"
    assert chosen["background"] != other["background"], "and by its system colour"
    assert {chosen["transition"], other["transition"]} == {"0s"}, "no animation"
    page.emulate_media(forced_colors="none", reduced_motion="no-preference")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_type_tells_a_screen_reader_its_state_and_fits_a_phone(
    browser: Browser, types_url: str, name: str
) -> None:
    answer, starts, role = CASES[name]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{types_url}/voila/render/{name}.ipynb")
    quiz = page.locator(QUIZ).first
    expect(quiz.locator("button, input, select, textarea").first).to_be_attached(timeout=60_000)
    # Each part arrives as its own widget: wait for the ones this test reads.
    expect(quiz.get_by_role("status"), "a live region before any answer").to_be_attached()
    if role in ("radio", "next radio"):
        expect(quiz.get_by_role("radiogroup"), "the answers in a radio group").to_be_attached()
    elif role == "button":
        expect(quiz.locator("[aria-pressed]"), "pressed-state buttons").to_have_count(
            4 if name == "sort" else 2
        )
    _check_before(controls(page, QUIZ), role)

    answer(quiz)
    region = quiz.locator(".coursekit-live")
    expect(region).to_have_text(re.compile("^(" + "|".join(map(re.escape, starts)) + ")"))
    _check_after(controls(page, QUIZ), role, starts)

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} is {overflow}px wider than a 375px screen"
    measured = _measure(page)
    assert measured, "the quiz has controls to measure"
    small = [
        m
        for m in measured
        if m["height"] < 44 or m["width"] < 44 or m["size"] < 16 or m["line"] < 1.5
    ]
    assert small == [], "targets of 44 x 44 px, text of 16 px, line height 1.5"
    assert all(m["fits"] for m in measured), "answers do not run over each other"
    assert _axe_on_quiz(page) == []
    if role == "button":
        _chosen_shows_in_forced_colours_and_nothing_moves(page)
    if name == "conversation":
        # The feedback on the reply, under it in the transcript, is on screen: no scrolling.
        expect(quiz.locator(".coursekit-note").last).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"type-{name}-375.png"), full_page=True)
    page.close()
