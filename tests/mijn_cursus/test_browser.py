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


#: The help bar (with Snel weg) may take this much of a 375 x 740 phone's first screen.
HELP_BAR_SHARE = 0.15
#: What a page a volunteer reads must not have (in the page, ``width`` its viewport's):
#: a second scroll container, a page wider than the screen, text under 16 px, a line
#: height under 1.5, a target (not a link in running text) under 44 px, a help bar over
#: 15 % of a phone's first screen, lines of more than 80 characters, Snel weg out of view
#: once the page is scrolled to its end.
COMFORT = """(share) => {
  const found = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    const wide = [...document.querySelectorAll('body *')].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1);
    const names = wide.slice(0, 3).map((el) => el.tagName + '.' + el.className);
    found.push('page wider than the screen: ' + root.scrollWidth + ' ' + names.join(', '));
  }
  const shown = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (el !== root && /(auto|scroll)/.test(style.overflowY + style.overflowX) &&
        (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
      found.push('a second scroll container: ' + el.tagName + '.' + el.className);
    }
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && shown(el) && !el.closest('.coursekit-skip, .mc-skip, noscript, [hidden]')) {
      if (parseFloat(style.fontSize) < 16) {
        const words = el.textContent.trim().slice(0, 40);
        found.push('text under 16 px: ' + words + ' ' + style.fontSize);
      }
      const line = parseFloat(style.lineHeight);
      const least = 1.5 * parseFloat(style.fontSize) - 0.5;
      if (el.closest('main p, main li') && !isNaN(line) && line < least) {
        found.push('line height under 1.5: ' + el.textContent.trim().slice(0, 40));
      }
    }
  }
  const targets = 'button, input:not([type=hidden]):not([type=radio]), textarea, summary, ' +
    '.mc-button, .mc-option, .coursekit-exit, nav a, header a, footer a, .coursekit-nav a';
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (shown(el) && box.width > 0 && (box.height < 43.5 || box.width < 43.5)) {
      found.push('target under 44 px: ' + (el.textContent.trim() || el.name) + ' ' +
        Math.round(box.width) + 'x' + Math.round(box.height));
    }
  }
  // Characters on a full line of a paragraph: its width over its font's average letter.
  const pen = document.createElement('canvas').getContext('2d');
  for (const p of document.querySelectorAll('main p')) {
    const text = p.textContent.replace(/\\s+/g, ' ').trim();
    const style = getComputedStyle(p);
    pen.font = style.font;
    const letter = pen.measureText(text).width / text.length;
    const width = p.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (text.length > 80 && width / letter > 80) {
      found.push('lines of ' + Math.round(width / letter) + ' characters: ' + text.slice(0, 40));
    }
  }
  const bar = document.querySelector('.coursekit-top');
  const bottom = bar ? bar.getBoundingClientRect().bottom : Infinity;
  if (share && bottom > share * window.innerHeight) {
    found.push('help bar (.coursekit-top) takes ' + Math.round(bottom) + ' px');
  }
  window.scrollTo(0, root.scrollHeight);
  const exit = document.querySelector('.coursekit-exit');
  const box = exit ? exit.getBoundingClientRect() : null;
  if (!box || box.top < 0 || box.bottom > window.innerHeight || box.height < 44) {
    found.push('Snel weg (.coursekit-exit) out of view after scrolling: ' + (box && box.top));
  }
  window.scrollTo(0, 0);
  return found;
}"""


def phone_fit(page: Page) -> list[str]:
    """What does not fit a phone (375 x 740, then 320 px wide), and what is uncomfortable to
    read at 1280 px: see COMFORT. The viewport is put back as it was."""
    size = page.viewport_size or {"width": 1280, "height": 900}
    found: list[str] = []
    for width, height, share in ((375, 740, HELP_BAR_SHARE), (320, 740, 0), (1280, 900, 0)):
        page.set_viewport_size({"width": width, "height": height})
        found += [f"{width} px: {line}" for line in page.evaluate(COMFORT, share)]
    page.set_viewport_size(size)
    return found


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
    # On a phone the top is one line: "Hulp nodig?" and 112; the other numbers one tap away.
    fold = page.get_by_text("Hulp nodig?", exact=True)
    expect(
        page.locator(".coursekit-numbers").get_by_role("link", name="Alarmnummer 112")
    ).to_be_visible()
    police = page.locator(".coursekit-help a[href='tel:09008844']")
    expect(police).to_be_hidden()
    fold.click()
    expect(police).to_be_visible()
    assert blocking_violations(page) == []
    fold.click()
    expect(page.get_by_role("link", name="Toegankelijkheidsverklaring")).to_have_attribute(
        "href", "/services/cursus/toegankelijkheid"
    )
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


def focus_shown(page: Page) -> str:
    """The focused element's text, or a failure when its focus ring cannot be seen."""
    ring = page.evaluate(
        """() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const seen = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        style.boxShadow !== 'none';
      return [el.textContent.trim().replace(/\\s+/g, ' '), seen];
    }"""
    )
    assert ring[1], f"no visible focus on {ring[0]!r}"
    return str(ring[0])


def tab_to(page: Page, words: tuple[str, ...]) -> int:
    """Press Tab until the focus (always visible) is on one of ``words``; the presses."""
    for presses in range(1, TABS + 1):
        page.keyboard.press("Tab")
        if focus_shown(page) in words:
            return presses
    pytest.fail(f"{words} cannot be reached with Tab")


def test_a_volunteer_hands_in_with_the_keyboard_alone(browser: Browser, server: Server) -> None:
    page = _open(browser, server, f"mijn-cursus/oefening/{EXERCISE}")
    expect(page.get_by_role("heading", name="Oefening: wat is stalking?")).to_be_visible()
    # The first Tab is the skip link; it takes the focus past the help bar to the page.
    page.keyboard.press("Tab")
    assert focus_shown(page) == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # From there, the first answer of question 1 is the first Tab stop.
    page.keyboard.press("Tab")
    first = page.get_by_role("group", name="Vraag 1").get_by_role("radio").first
    expect(first).to_be_focused()
    page.get_by_role("group", name="Vraag 9").get_by_role("radio").last.focus()  # near the end
    # From question 9: Space chooses the focused option; Tab goes on to the reflection.
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Ik luister.")
    # The reflection, Bewaar, Inleveren: no stop in between.
    assert tab_to(page, ("Inleveren", "Opnieuw inleveren")) == 2
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("Je hebt 1 van 9 vragen beantwoord en een reflectie geschreven.")
    ).to_be_visible()
    # Past the skip link, Snel weg, the help bar's fold and the menu to the question.
    assert tab_to(page, ("Ja, lever in",)) <= 7
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ingeleverd op ")).to_be_visible(timeout=60_000)
    # The focus is on the confirmation: a screen reader reads it first.
    expect(page.locator("#ingeleverd")).to_be_focused()
    assert any((server.exchange / "steun-bij-stalking" / "inbound").iterdir())
    # Shift+Tab goes back the way it came (no trap): to the menu's last link.
    page.keyboard.press("Shift+Tab")
    assert focus_shown(page) == "Uitloggen"
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
