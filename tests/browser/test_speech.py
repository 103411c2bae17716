"""Lees voor (issue 17): the browser's own speech reads a module's sections and quizzes aloud
in Dutch, one at a time, and the buttons are there only when a Dutch voice is.

Headless Chromium on Debian offers no voices at all here (``speechSynthesis.getVoices()`` is
empty, also after ``voiceschanged``: there is no speech-dispatcher), so the test installs a
stand-in ``speechSynthesis`` and ``SpeechSynthesisUtterance`` before the page loads. It
offers the voices the test chooses, tells the page when they change (``voiceschanged``, as
real voices arrive late), records every ``speak()`` and ``cancel()``, and ends the
utterances only when the test says so (``finish``) or when they are cancelled (an ``error``
event, as Chromium does). Everything else is the real page on the session's Voila server.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.text import learner
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
# Six sections, a statement sort and two scenarios: the smallest module with both.
MODULE = "00-welkom.ipynb"
START, STOP = "Lees voor", "Stop met voorlezen"
VERDICT = re.compile(f"{re.escape(learner.CORRECT)}|{re.escape(learner.INCORRECT)}")
ENGLISH = {"name": "English", "lang": "en-US", "localService": True}
# A Dutch voice of an online service: it would send the text away, so it does not count.
REMOTE_DUTCH = {"name": "Online Nederlands", "lang": "nl-NL", "localService": False}
DUTCH = {"name": "Nederlands", "lang": "nl-NL", "localService": True}

STAND_IN = """
(() => {
  const voices = [];
  const synth = new EventTarget();
  const record = { spoken: [], cancels: 0, queue: [] };
  synth.getVoices = () => voices.slice();
  synth.speak = (u) => {
    record.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang });
    record.queue.push(u);
  };
  synth.cancel = () => {
    record.cancels += 1;
    const queued = record.queue.splice(0);
    setTimeout(() => queued.forEach((u) => u.dispatchEvent(new Event("error"))), 0);
  };
  Object.defineProperty(synth, "speaking", { get: () => record.queue.length > 0 });
  synth.pending = false;
  synth.paused = false;
  synth.pause = synth.resume = () => {};
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text: text || "", lang: "", voice: null, rate: 1 });
    }
  }
  const own = (name, value) => Object.defineProperty(window, name, { value, configurable: true });
  own("speechSynthesis", synth);
  own("SpeechSynthesisUtterance", Utterance);
  window.__speech = {
    record,
    setVoices(list) {
      voices.splice(0, voices.length, ...list);
      synth.dispatchEvent(new Event("voiceschanged"));
    },
    finish() { record.queue.splice(0).forEach((u) => u.dispatchEvent(new Event("end"))); },
  };
  voices.push(...%s);
})();
"""


# The first paragraph of the module text after a heading, in document order.
FIRST_PARAGRAPH = """heading => {
  const all = [...document.querySelectorAll(".jp-RenderedMarkdown > *")];
  const after = all.slice(all.indexOf(heading) + 1);
  return after.find((element) => element.tagName === "P").innerText;
}"""


def _spoken(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__speech.record.spoken"))


def _words(text: str) -> str:
    return " ".join(text.split())


def _said_since(page: Page, start: int) -> str:
    return " ".join(call["text"] for call in _spoken(page)[start:])


def _check_voice(page: Page, start: int) -> None:
    calls = _spoken(page)[start:]
    assert calls, "nothing was spoken"
    assert all(c["voice"] == "nl-NL" and c["lang"] == "nl-NL" for c in calls), calls


def _speak_button(quiz: Locator) -> Locator:
    return quiz.locator(":scope > .coursekit-speak")


def test_lees_voor_reads_sections_and_quizzes_in_dutch_one_at_a_time(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        page.add_init_script(STAND_IN % json.dumps([ENGLISH, REMOTE_DUTCH]))
        page.goto(f"{voila_url}/voila/render/{MODULE}")
        quizzes = page.locator(".coursekit-quiz")
        expect(quizzes.first).to_be_visible(timeout=60_000)
        expect(page.locator("#loading")).to_be_hidden()
        buttons = page.locator(".coursekit-speak")

        # No Dutch voice on the device: no button.
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "off")
        assert buttons.count() == 0

        # A Dutch voice arrives late: a button under every section and in every quiz.
        page.evaluate("v => window.__speech.setVoices(v)", [ENGLISH, DUTCH])
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "on")
        headings = page.locator(".jp-RenderedMarkdown > h2")
        assert headings.count() >= 2
        expect(page.locator(".jp-RenderedMarkdown > h2 + .coursekit-speak")).to_have_count(
            headings.count()
        )
        innermost = quizzes.count() - page.locator(".coursekit-quiz .coursekit-quiz").count()
        assert innermost >= 3
        expect(page.locator(".coursekit-quiz > .coursekit-speak")).to_have_count(innermost)
        for index in range(buttons.count()):
            box = buttons.nth(index).bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "within a phone's width"

        # A section: its heading and its text, with the Dutch voice.
        heading = headings.nth(1)
        section = heading.locator("+ .coursekit-speak")
        title = _words(heading.inner_text()).rstrip("¶").strip()
        expect(section).to_have_accessible_name(f"{START}: {title}")
        paragraph = _words(heading.evaluate(FIRST_PARAGRAPH))
        section.focus()
        page.keyboard.press("Enter")
        expect(section).to_have_accessible_name(f"{STOP}: {title}")
        said = _said_since(page, 0)
        assert title in said and paragraph[:60] in said, (title, paragraph, said)
        _check_voice(page, 0)

        # Pressed again: the speech stops.
        section.click()
        expect(section).to_have_accessible_name(f"{START}: {title}")
        assert page.evaluate("window.__speech.record.cancels") >= 1
        assert page.evaluate("window.__speech.record.queue.length") == 0

        # The sort: the statement asked, then after an answer the feedback. Another Lees
        # voor stops the one that speaks.
        quiz = page.locator(".coursekit-statementsort").first
        quiz_button = _speak_button(quiz)
        statement = _words(quiz.locator(".coursekit-statement").first.inner_text())
        section.click()
        expect(section).to_have_accessible_name(re.compile(STOP))
        before = len(_spoken(page))
        quiz_button.click()
        expect(section).to_have_accessible_name(re.compile(START))
        expect(quiz_button).to_have_accessible_name(re.compile(STOP))
        assert statement.strip("“”") in _said_since(page, before)
        _check_voice(page, before)
        texts = {call["text"] for call in _spoken(page)[before:]}
        assert not texts & {learner.LABEL_HELPFUL, learner.LABEL_HARMFUL}, "no button is read"

        page.evaluate("window.__speech.finish()")  # read to the end: the label comes back
        expect(quiz_button).to_have_accessible_name(re.compile(START))

        quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True).click()
        expect(quiz.locator("[role=status]").first).to_contain_text(VERDICT)
        expect(page.locator(".coursekit-quiz > .coursekit-speak")).to_have_count(innermost)
        before = len(_spoken(page))
        quiz_button.click()
        feedback = _words(quiz.locator("[role=status]").first.inner_text())
        said = _said_since(page, before)
        assert VERDICT.search(said) and feedback[:40] in said, (feedback, said)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "speech-375.png"))

        # The Dutch voice goes: the buttons go, and so does the speech.
        page.evaluate("v => window.__speech.setVoices(v)", [ENGLISH])
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "off")
        expect(page.locator(".coursekit-speak:visible")).to_have_count(0)
        assert page.evaluate("window.__speech.record.queue.length") == 0
    finally:
        page.close()
