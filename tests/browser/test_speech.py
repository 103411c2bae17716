"""Lees voor (issue 17): the browser's own speech reads a module's sections and quizzes aloud
in Dutch, one at a time, and the buttons are there only when a Dutch voice is.

Real voices: Debian's Chromium asks speech-dispatcher for its voices when started with
``--enable-speech-dispatcher`` (without it, headless Chromium has none), and speech-dispatcher
with espeak-ng offers Dutch voices that run on the machine (lang "nl", localService true).
`make test` installs both. This test starts its own speech-dispatcher and its own Chromium
with that flag, on the session's Voila server, and speaks and cancels for real.

A thin wrapper around the real ``speechSynthesis`` (installed before the page loads) does
what a real voice cannot show a test: it hides the Dutch voices at first and offers an
online Dutch voice instead (which would send the text away, so the page must not use it),
then lets the real ones "arrive late" with a ``voiceschanged`` event; it records the text and
voice of every ``speak()`` and passes the call on; and it can end the current utterances
(a real voice needs a sound card to finish, which this machine does not have).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from coursekit.text import learner
from tests.support.axe import AXE
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
# Six sections, a statement sort and two scenarios: the smallest module with both.
MODULE = "00-welkom.ipynb"
START, STOP = "Lees voor", "Stop met voorlezen"
# speech-dispatcher's espeak-ng module (Debian's speech-dispatcher-espeak-ng).
ESPEAK = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
VERDICT = re.compile(f"{re.escape(learner.CORRECT)}|{re.escape(learner.INCORRECT)}")

WRAPPER = """
(() => {
  const synth = window.speechSynthesis;
  const realVoices = synth.getVoices.bind(synth), realSpeak = synth.speak.bind(synth);
  const online = { name: "Online Nederlands", lang: "nl-NL", localService: false, default: false };
  const record = { spoken: [], live: [], dutch: false };
  synth.getVoices = () => {
    const voices = realVoices();
    if (record.dutch) { return voices; }
    return voices.filter((v) => !v.lang.toLowerCase().startsWith("nl")).concat([online]);
  };
  synth.speak = (u) => {
    const voice = u.voice || {};
    const said = { text: u.text, voice: voice.lang, local: voice.localService, lang: u.lang };
    record.spoken.push(said);
    record.live.push(u);
    realSpeak(u);
  };
  window.__speech = {
    record,
    dutchArrives(yes) { record.dutch = yes; synth.dispatchEvent(new Event("voiceschanged")); },
    finish() { record.live.splice(0).forEach((u) => u.dispatchEvent(new Event("end"))); },
  };
})();
"""


def _spoken(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__speech.record.spoken"))


def _words(text: str) -> str:
    return " ".join(text.split())


def _said_since(page: Page, start: int) -> str:
    return " ".join(call["text"] for call in _spoken(page)[start:])


def _check_voice(page: Page, start: int) -> None:
    """Every utterance since ``start`` in a Dutch voice of this machine, in Dutch."""
    calls = _spoken(page)[start:]
    assert calls, "nothing was spoken"
    for call in calls:
        assert call["voice"].lower().startswith("nl") and call["local"] is True, call
        assert call["lang"].lower().startswith("nl"), call


def _speaking_becomes(page: Page, value: bool) -> None:
    """Poll speechSynthesis.speaking (the course's policy forbids wait_for_function's eval)."""
    deadline = time.monotonic() + 15
    while page.evaluate("speechSynthesis.speaking") != value:
        assert time.monotonic() < deadline, f"speechSynthesis.speaking never became {value}"
        time.sleep(0.05)


@contextlib.contextmanager
def _speech_dispatcher(folder: Path) -> Iterator[str]:
    """A speech-dispatcher of this test's own, on a socket in ``folder``: its address.

    Left to itself, Chromium spawns one per HOME that outlives the test, and then takes 30
    seconds to shut down. This one runs in the foreground in its own process group, and is
    ended with its voice modules when the test is done (it does not stop on SIGTERM).
    """
    if not ESPEAK.exists():
        pytest.fail(f"{ESPEAK} is missing: `make test` installs speech-dispatcher-espeak-ng")
    socket = folder / "speechd.sock"
    command = ["speech-dispatcher", "--run-single", "-c", "unix_socket", "-S", str(socket)]
    daemon = subprocess.Popen(
        [*command, "-t", "0", "-L", str(folder)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            assert daemon.poll() is None, "speech-dispatcher did not start"
            assert time.monotonic() < deadline, "speech-dispatcher made no socket"
            time.sleep(0.05)
        yield f"unix_socket:{socket}"
    finally:
        os.killpg(daemon.pid, signal.SIGKILL)
        daemon.wait()


def _close_at_once(own: Browser) -> None:
    """Close the test's Chromium without the 30 seconds it waits for speech-dispatcher.

    A Chromium that has used speech-dispatcher takes 30 s to shut down after a course page
    (measured here: 30.0 s, also after cancel() and with nothing speaking). Nothing of it is
    worth keeping, so its process is ended through the DevTools protocol (``Browser.crash``:
    0.3 s, no process left), and Playwright's close then finds it gone.
    """
    # The connection goes down with the browser: that error is the point.
    with contextlib.suppress(PlaywrightError):
        own.new_browser_cdp_session().send("Browser.crash")
    own.close()


def _speak_button(quiz: Locator) -> Locator:
    return quiz.locator(":scope > .coursekit-speak")


# The first paragraph of the module text after a heading, in document order.
FIRST_PARAGRAPH = """heading => {
  const all = [...document.querySelectorAll(".jp-RenderedMarkdown > *")];
  const after = all.slice(all.indexOf(heading) + 1);
  return after.find((element) => element.tagName === "P").innerText;
}"""


def test_lees_voor_reads_sections_and_quizzes_in_dutch_one_at_a_time(
    browser: Browser, voila_url: str, tmp_path: Path
) -> None:
    speech = contextlib.ExitStack()
    address = speech.enter_context(_speech_dispatcher(tmp_path))
    own = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--enable-speech-dispatcher"],
        env={**os.environ, "SPEECHD_ADDRESS": address},
    )
    speech.callback(_close_at_once, own)
    try:
        page = own.new_page(viewport={"width": 375, "height": 740})
        page.add_init_script(WRAPPER)
        page.goto(f"{voila_url}/voila/render/{MODULE}")
        quizzes = page.locator(".coursekit-quiz")
        expect(quizzes.first).to_be_visible(timeout=60_000)
        expect(page.locator("#loading")).to_be_hidden()
        buttons = page.locator(".coursekit-speak")

        # Only other languages and an online Dutch voice: no button.
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "off")
        assert buttons.count() == 0

        # A Dutch voice arrives late: a button under every section and in every quiz.
        page.evaluate("window.__speech.dutchArrives(true)")
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "on")
        headings = page.locator(".jp-RenderedMarkdown > h2")
        assert headings.count() >= 2
        expect(page.locator(".jp-RenderedMarkdown > .coursekit-speak")).to_have_count(
            headings.count()
        )
        innermost = quizzes.count() - page.locator(".coursekit-quiz .coursekit-quiz").count()
        assert innermost >= 3
        expect(page.locator(".coursekit-quiz > .coursekit-speak")).to_have_count(innermost)
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "axe.run({include: [['.coursekit-speak']]}, {runOnly: {type: 'tag', values:"
            " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        assert result["violations"] == [], [v["id"] for v in result["violations"]]
        for index in range(buttons.count()):
            box = buttons.nth(index).bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "within a phone's width"

        # A section: its heading and its text, with the Dutch voice.
        heading = headings.nth(1)
        # Under the heading and its "Deel 2 van n" line.
        section = heading.locator("~ .coursekit-speak").first
        title = _words(heading.inner_text()).rstrip("¶").strip()
        expect(section).to_have_accessible_name(f"{START}: {title}")
        paragraph = _words(heading.evaluate(FIRST_PARAGRAPH))
        section.focus()
        page.keyboard.press("Enter")
        expect(section).to_have_accessible_name(f"{STOP}: {title}")
        said = _said_since(page, 0)
        assert title in said and paragraph[:60] in said, (title, paragraph, said)
        _check_voice(page, 0)

        _speaking_becomes(page, True)

        # Pressed again: the speech stops.
        section.click()
        expect(section).to_have_accessible_name(f"{START}: {title}")
        _speaking_becomes(page, False)

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

        page.evaluate("window.__speech.finish()")  # read to its end: the label comes back
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

        # The Dutch voices go: the buttons go, and so does the speech.
        _speaking_becomes(page, True)
        page.evaluate("window.__speech.dutchArrives(false)")
        expect(page.locator("html")).to_have_attribute("data-coursekit-speech", "off")
        expect(page.locator(".coursekit-speak:visible")).to_have_count(0)
        _speaking_becomes(page, False)
    finally:
        speech.close()
