"""A volunteer works through module 6 with the keyboard only and always sees where the focus is.

From the top of the page: the recap and the first statement sort to their end-of-round
summaries, then every scenario until it is right. Only Tab, Shift+Tab, Enter, Space and the
arrow keys; the page is read (never clicked) to know where the focus is and what it shows.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.text import learner
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
MODULE = "06-wat-niet-helpt.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
VERDICT = re.compile(f"{re.escape(learner.CORRECT)}|{re.escape(learner.INCORRECT)}")

# What the focused element shows: a focus ring of at least 2 px (an outline, or a box-shadow
# as an equivalent ring), and whether the browser shows focus there (:focus-visible).
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.tagName === 'MAIN' || el.id === 'main') return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0;
  const ring = (style.boxShadow.match(/(\\d+(\\.\\d+)?)px(?=[^,]*$)/) || [0, '0'])[1];
  const shadow = style.boxShadow === 'none' ? 0 : parseFloat(ring);
  return {
    control: el.tagName + ' ' + (el.innerText || el.value || el.getAttribute('href') || ''),
    ring: Math.max(outline, shadow),
    visible: el.matches(':focus-visible'),
  };
}"""


class Keyboard:
    """Presses keys and checks, after each one, that the focused control shows a focus ring."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.focused: list[str] = []

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        focus = self.page.evaluate(FOCUS_RING)
        if focus is None:  # focus left a control that became disabled or hidden
            return
        self.focused.append(focus["control"])
        assert focus["visible"] and focus["ring"] >= 2, (
            f"after {key}, {focus['control']!r} has focus without a visible 2 px ring: {focus}"
        )

    def is_on(self, predicate: str) -> bool:
        script = f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"
        return bool(self.page.evaluate(script))

    def move_to(self, predicate: str, what: str, key: str = "Tab", limit: int = 120) -> None:
        """Press Tab (or Shift+Tab) until the focused element satisfies a JS predicate on `el`."""
        for _ in range(limit):
            if self.is_on(predicate):
                return
            self.press(key)
        pytest.fail(f"{key} never reached {what}")


def _within(selector: str, index: int) -> str:
    """A JS test that `el` is inside the index-th element matching the selector."""
    return f"el.closest({selector!r}) === document.querySelectorAll({selector!r})[{index}]"


def _complete_binary_quiz(keys: Keyboard, quiz: Locator, within: str) -> int:
    """Answer every item of the round with the keyboard; return how many items there were."""
    progress = quiz.get_by_text(re.compile(r"^Vraag \d+ van \d+$"))
    total = int(progress.inner_text().rsplit(" ", 1)[1])
    answers = [learner.LABEL_HELPFUL, learner.LABEL_HARMFUL]
    for number in range(1, total + 1):
        expect(progress).to_have_text(learner.PROGRESS.format(number=number, total=total))
        answer = answers[number % 2]
        is_answer = f"{within} && el.tagName === 'BUTTON' && !el.disabled"
        is_answer += f" && el.innerText.trim() === {answer!r}"
        # The first answer: Tab down from above; after "Volgende" the focus point is below
        # the answers (the button hides itself), so Shift+Tab goes back up to them.
        keys.move_to(
            is_answer, f"{answer!r} of item {number}", "Tab" if number == 1 else "Shift+Tab"
        )
        keys.press("Enter" if number % 2 else "Space")
        feedback = quiz.locator("[role=status]")
        expect(feedback).to_contain_text(VERDICT)
        expect(feedback).to_contain_text(learner.YOU_CHOSE.format(answer=answer))
        if number < total:
            is_next = f"{within} && el.innerText.trim() === {learner.NEXT!r}"
            keys.move_to(is_next, f"{learner.NEXT!r} after item {number}")
            keys.press("Enter")
            # The live region stays on the page, empty until the next answer.
            expect(feedback).to_have_count(1)
            expect(feedback).to_have_text("")
    summary = quiz.locator(".coursekit-summary")
    expect(summary).to_contain_text(learner.ROUND_SCORE.split("{")[0].strip())
    expect(summary).to_contain_text(f"van de {total} goed")
    return total


def _complete_scenario(keys: Keyboard, quiz: Locator, within: str) -> int:
    """Try the answers in order (arrow keys) until the feedback says right; return the tries.

    The answers are one radio group: Tab enters it once and leaves it with the next press,
    Shift+Tab comes back to the chosen answer, not to every option on the way."""
    radios = quiz.locator("input[type=radio]")
    options = radios.count()
    is_check = f"{within} && el.innerText.trim() === {learner.CHECK!r}"
    keys.move_to(f"{within} && el.type === 'radio'", "the scenario's first answer")
    entered = quiz.locator("input[type=radio]:focus")
    assert entered.count() == 1, "Tab enters the group on one answer"
    keys.press("Tab")
    assert keys.is_on(is_check), "one Tab stop for the whole group, not one per answer"
    keys.press("Shift+Tab")
    keys.press("Space")  # chooses the answer the focus is on; the arrows go round to a
    for _ in range(options):
        if radios.first.is_checked():
            break
        keys.press("ArrowDown")
    expect(radios.first).to_be_checked()
    for tries in range(1, options + 1):
        keys.move_to(is_check, learner.CHECK)
        keys.press("Enter")
        feedback = quiz.locator("[role=status]")
        expect(feedback).to_contain_text(VERDICT)
        letter = chr(ord("a") + tries - 1)
        expect(feedback).to_contain_text(learner.YOU_CHOSE.format(answer=letter))
        if learner.CORRECT in feedback.inner_text():
            return tries
        # Back to the answer just tried (one Shift+Tab: the group is one stop, on the
        # chosen answer); the arrow key moves to and selects the next one.
        keys.move_to(is_check, learner.CHECK)
        keys.press("Shift+Tab")
        assert keys.is_on(f"{within} && el.type === 'radio' && el.value === {letter!r}")
        keys.press("ArrowDown")
        expect(radios.nth(tries)).to_be_checked()
    pytest.fail(f"no answer of the scenario was right after {options} tries")


def test_module_5_quizzes_and_scenarios_by_keyboard_with_a_visible_focus(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{voila_url}/voila/render/{MODULE}")
    expect(page.locator(".coursekit-scenariochoice").last).to_be_visible(timeout=60_000)
    keys = Keyboard(page)

    sorts = page.locator(".coursekit-statementsort")
    recap, first_sort = sorts.nth(0), sorts.nth(1)
    expect(recap).to_contain_text(learner.RECAP_TITLE)
    expect(first_sort).to_contain_text(learner.SORT_TITLE)
    answered = [
        _complete_binary_quiz(keys, recap, _within(".coursekit-statementsort", 0)),
        _complete_binary_quiz(keys, first_sort, _within(".coursekit-statementsort", 1)),
    ]
    assert answered[0] >= 3 and answered[1] >= 10

    scenarios = page.locator(".coursekit-scenariochoice")
    assert scenarios.count() == 5
    for index in range(scenarios.count()):
        quiz = scenarios.nth(index)
        _complete_scenario(keys, quiz, _within(".coursekit-scenariochoice", index))
        expect(quiz.get_by_role("button", name=learner.CHECK, exact=True)).to_be_disabled()

    kinds = {control.split(" ", 1)[0] for control in keys.focused}
    assert {"A", "BUTTON", "INPUT"} <= kinds, kinds
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "keyboard-05.png"))
    page.close()
