"""Mijn cursus in Chromium against a real ``jupyter server``: axe-core, a phone's width,
saving as a choice is made, and a hand-in with the keyboard alone.

Screenshots at 375 and 1280 px go to test-artifacts/ (looked at by a person, not compared).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit.content.facts import facts
from coursekit.mijn_cursus.work import read_work
from coursekit.text import learner
from tests.mijn_cursus.conftest import EXERCISE, TOKEN, Server
from tests.support.axe import blocking_violations
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
#: Tab presses allowed to reach a button: past the help bar's phone links (every line and its
#: second number) and the page's other controls.
TABS = 4 * len(facts().help_bar_lines()) + 10


def phone_fit(page: Page) -> list[str]:
    """What does not fit a 375 px phone: a page wider than the screen, text under 16 px,
    a link or button (not in running text) smaller than 44 px."""
    return list(
        page.evaluate(
            """() => {
      const found = [];
      if (document.documentElement.scrollWidth > window.innerWidth + 1) {
        found.push('page wider than the screen: ' + document.documentElement.scrollWidth);
      }
      if (parseFloat(getComputedStyle(document.body).fontSize) < 16) { found.push('body text'); }
      const targets = 'button, .mc-button, .mc-option, .mc-exit, nav a';
      for (const el of document.querySelectorAll(targets)) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height < 44) {
          found.push(el.textContent.trim() + ' ' + box.height);
        }
      }
      return found;
    }"""
        )
    )


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"mijn-cursus-{name}-{width}.png"), full_page=True)


def _open(browser: Browser, server: Server, path: str = "mijn-cursus/") -> Page:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{server.url}mijn-cursus/?token={TOKEN}")
    if path != "mijn-cursus/":
        page.goto(f"{server.url}{path}")
    return page


def _wait(condition: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.1)


def test_the_pages_pass_axe_and_fit_a_phone(browser: Browser, server: Server) -> None:
    refused: list[str] = []
    page = _open(browser, server)
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    expect(page.get_by_role("heading", name="Mijn cursus", level=1)).to_be_visible()
    assert blocking_violations(page) == []
    assert phone_fit(page) == []
    shoot(page, "overzicht")
    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("button", name=f"{learner.MC_FETCH}: Oefening: wat is stalking?").click()
    expect(page.get_by_role("heading", name="Oefening: wat is stalking?")).to_be_visible()
    assert blocking_violations(page) == []
    assert phone_fit(page) == []
    shoot(page, "oefening")
    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_text("Toch inleveren?")).to_be_visible()
    assert blocking_violations(page) == []
    assert phone_fit(page) == []
    shoot(page, "inleveren")
    page.close()
    assert refused == [], "the pages' own policy refused nothing they use"


def test_a_choice_is_saved_as_it_is_made(browser: Browser, server: Server) -> None:
    page = _open(browser, server, f"mijn-cursus/oefening/{EXERCISE}")
    folder = server.home / EXERCISE
    question = page.get_by_role("group", name="Vraag 1")
    question.get_by_label("Helpt niet").check()
    status = page.get_by_role("status").filter(has_text="Bewaard")
    expect(status).to_have_text(learner.MC_SAVED_COUNT.format(answered=1, total=9))
    assert read_work(folder, EXERCISE).answers == {"z1": "harmful"}
    page.get_by_label("Jouw antwoord op de reflectievraag").fill("Ik vraag wat ze nodig heeft.")
    page.get_by_role("group", name="Vraag 2").get_by_label("Helpt", exact=True).check()
    _wait(
        lambda: read_work(folder, EXERCISE).reflection == "Ik vraag wat ze nodig heeft.",
        "the reflection saved when leaving its box",
    )
    # A reload shows what was saved.
    page.reload()
    expect(page.get_by_role("group", name="Vraag 1").get_by_label("Helpt niet")).to_be_checked()
    expect(page.get_by_label("Jouw antwoord op de reflectievraag")).to_have_value(
        "Ik vraag wat ze nodig heeft."
    )
    page.close()


def test_a_volunteer_hands_in_with_the_keyboard_alone(browser: Browser, server: Server) -> None:
    page = _open(browser, server, f"mijn-cursus/oefening/{EXERCISE}")
    expect(page.get_by_role("heading", name="Oefening: wat is stalking?")).to_be_visible()
    page.get_by_role("group", name="Vraag 9").get_by_role("radio").last.focus()  # near the end
    # From question 9: Space chooses the focused option; Tab goes on to the reflection.
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Ik luister.")
    for _ in range(TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused in ("Inleveren", "Opnieuw inleveren"):
            break
    else:
        pytest.fail("Inleveren cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("Je hebt 1 van 9 vragen beantwoord en een reflectie geschreven.")
    ).to_be_visible()
    for _ in range(TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Ja, lever in":
            break
    else:
        pytest.fail("'Ja, lever in' cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ingeleverd op ")).to_be_visible(timeout=60_000)
    assert any((server.exchange / "steun-bij-stalking" / "inbound").iterdir())
    page.close()


def test_a_page_that_lost_its_server_says_so_and_a_reload_brings_the_answers_back(
    browser: Browser, server: Server
) -> None:
    page = _open(browser, server, f"mijn-cursus/oefening/{EXERCISE}")
    page.get_by_role("group", name="Vraag 1").get_by_label("Helpt niet").check()
    expect(page.get_by_role("status").filter(has_text="1 van 9")).to_be_visible()
    page.route("**/mijn-cursus/oefening/**", lambda route: route.abort())  # the server is gone
    page.get_by_role("group", name="Vraag 2").get_by_label("Helpt niet").check()
    expect(page.get_by_role("status")).to_have_text(learner.MC_NOT_SAVED_OFFLINE)
    page.unroute("**/mijn-cursus/oefening/**")
    page.reload()
    expect(page.get_by_role("group", name="Vraag 1").get_by_label("Helpt niet")).to_be_checked()
    page.close()
