"""Every hub page a volunteer can reach is Dutch, with the help lines, Snel weg and *Uitloggen*.

On the shared real hub (conftest.py), in Chromium, as volunteer ``people["f"]``: the login
page, a failed login, the start page, the page while the server starts (with JupyterHub's
real progress events), the page of a stopped server, a page that does not exist, the page
for API keys and the logout. On each: ``lang="nl"``, the help line numbers in view, Snel
weg reached with Tab, *Uitloggen* in view when logged in, and no English word from
JupyterHub in the visible text; axe-core finds no serious or critical violation on the
main ones. Snel weg, pressed with the keyboard, leaves with ``location.replace`` (Back does
not return), ends the login and leaves no cookie of the hub. A volunteer's server opens on
Mijn cursus, the trainer's (``people["t"]``) on JupyterLab. Screenshots of the start page,
the page while the server starts, the stopped server's and the 404, 375 and 1280 px wide,
go to test-artifacts/ (hub-<page>-<width>.png).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from coursekit.content.facts import facts
from coursekit.hub import COURSE_ID
from coursekit.hub_pages import NEUTRAL_URL
from coursekit.text import trainer as trainer_text
from tests.mijn_cursus.test_browser import focus_shown, phone_fit
from tests.support.axe import blocking_violations
from tests.support.course import ROOT
from tests.support.hub import PASSWORD, Hub, log_in_with_form

pytestmark = [
    pytest.mark.hub,
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: runs as root (as in CI)"),
]
ARTIFACTS = ROOT / "test-artifacts"
# What JupyterHub's own pages say; none of it may be in view on a volunteer's page.
ENGLISH = (
    "Start My Server",
    "Stop My Server",
    "My Server",
    "Server",
    "Logout",
    "Log out",
    "Login",
    "Sign in",
    "Username",
    "Password",
    "Invalid",
    "Token",
    "Home",
    "Admin",
    "Services",
    "Server requested",
    "Spawning",
    "Your server is starting up",
    "Event log",
    "Launch",
    "Relaunch",
    "not running",
    "Page not found",
    "Not Found",
    "Error",
    "refresh",
    "JupyterHub",
    "Jupyter has lots of moons",
)
STATEMENT = "Toegankelijkheidsverklaring"
ENGLISH_WORDS = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in ENGLISH))
# The event stream of a starting server (its address ends in "?_xsrf=...").
PROGRESS = re.compile(r"/hub/api/users/[^/]+/server/progress")
# JupyterHub's steps while a server starts, and what the page must say for them.
STEPS = ("Je werkplek is aangevraagd.", "Je werkplek start op.")
# Records every line the page while a server starts shows (it navigates away when ready).
WATCH_PROGRESS = """
document.addEventListener("DOMContentLoaded", function () {
  var line = document.getElementById("progress-message");
  if (!line) { return; }
  console.log("voortgang: " + line.textContent);
  new MutationObserver(function () { console.log("voortgang: " + line.textContent); })
    .observe(line, {childList: true, characterData: true, subtree: true});
});
"""


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser of its own (its own cookies), in which the neutral site never loads for real."""
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    made.route(
        NEUTRAL_URL + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutraal</p>"),
    )
    yield made
    made.close()


def _dutch_with_help_and_snel_weg(page: Page, logged_in: bool) -> None:
    """What every hub page shows: Dutch, the help lines, Snel weg with Tab, *Uitloggen*."""
    assert page.locator("html").get_attribute("lang") == "nl", page.url
    top = page.locator(".coursekit-top")
    numbers = top.locator(".coursekit-numbers")
    for line in facts().help_bar_lines():
        expect(numbers.get_by_role("link", name=f"{line.name} {line.number}")).to_be_visible()
    logout = page.get_by_role("link", name="Uitloggen", exact=True)
    if logged_in:
        expect(logout).to_be_visible()
    else:
        expect(logout).to_have_count(0)
    statement = page.get_by_role("contentinfo").get_by_role("link", name=STATEMENT)
    expect(statement).to_have_attribute("href", "/services/cursus/toegankelijkheid")
    text = page.locator("body").inner_text()
    english = sorted(set(ENGLISH_WORDS.findall(text)))
    assert not english, f"{page.url} says {english}:\n{text}"
    _tab_to_snel_weg(page)


def _tab_to_snel_weg(page: Page) -> None:
    """Tab (from wherever the page put the focus) reaches Snel weg within a few presses."""
    exit_link = page.get_by_role("link", name="Snel weg", exact=True)
    expect(exit_link).to_be_visible()
    assert exit_link.get_attribute("href") == NEUTRAL_URL
    for _ in range(25):
        page.keyboard.press("Tab")
        if exit_link.evaluate("link => link === document.activeElement"):
            return
    pytest.fail(f"Tab never reaches Snel weg on {page.url}")


def _leave_with_the_keyboard(page: Page, hub: Hub) -> None:
    """Snel weg with Tab and Enter: the neutral site replaces the page; Back does not return."""
    entries = page.evaluate("history.length")
    _tab_to_snel_weg(page)
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_URL)
    assert page.evaluate("history.length") == entries, "Snel weg replaced the hub's entry"
    page.go_back()
    assert not page.url.startswith(hub.url), "Back does not return to the hub"


def _no_blocking_violations(page: Page) -> None:
    """axe-core (WCAG 2.1 AA and best practices) finds nothing serious, and the page reads
    well on a phone and on a desktop (tests/mijn_cursus/test_browser.py's phone_fit)."""
    blocking = blocking_violations(page)
    assert blocking == [], f"{page.url}:\n" + "\n".join(blocking)
    uncomfortable = phone_fit(page)
    assert uncomfortable == [], f"{page.url}:\n" + "\n".join(uncomfortable)


def _log_in_with_the_keyboard(page: Page, hub: Hub, name: str) -> int:
    """Log in with typing, Tab and Enter alone, the focus always visible; the Tab presses.

    The name field has the focus when the page opens; Tab goes on to the password and to
    *Inloggen*."""
    page.goto(f"{hub.url}/hub/login")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Inloggen")).to_be_focused()
    focus_shown(page)
    page.keyboard.press("Enter")
    return 2


def _skip_to_the_page(page: Page) -> None:
    """From the page's start, the first Tab is the skip link; Enter puts the focus on <main>
    (past the help bar, Snel weg and the menu), and the next Tab is in the page."""
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("Tab")
    assert focus_shown(page) == "Naar de inhoud", page.url
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", page.url
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), page.url
    focus_shown(page)


def _screenshots(page: Page, name: str) -> None:
    """375 and 1280 px wide; on a phone too, *Uitloggen* is in view, not folded away."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.get_by_role("link", name="Uitloggen", exact=True)).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"hub-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _server(hub: Hub, name: str) -> dict[str, Any]:
    servers = hub.api("GET", f"/users/{quote(name)}").json()["servers"]
    server: dict[str, Any] = servers.get("", {})
    return server


def _stop(hub: Hub, name: str) -> None:
    hub.api("DELETE", f"/users/{quote(name)}/server")
    deadline = time.monotonic() + 120
    while _server(hub, name):
        assert time.monotonic() < deadline, f"the server of {name} did not stop"
        time.sleep(0.2)


def _start_in_background(hub: Hub, name: str) -> threading.Thread:
    """Ask the hub to start the server (the call waits for it) and return once it is pending."""
    thread = threading.Thread(target=hub.api, args=("POST", f"/users/{quote(name)}/server"))
    thread.start()
    deadline = time.monotonic() + 60
    while _server(hub, name).get("pending") != "spawn":
        assert time.monotonic() < deadline, f"the server of {name} never started"
        time.sleep(0.05)
    return thread


def _lands_on_mijn_cursus(page: Page, name: str) -> None:
    # Only the address: the Mijn cursus pages come from their own extension (until it is
    # there, jupyter-server answers 404 and drops the final slash).
    page.wait_for_url(f"**/user/{name}/mijn-cursus**", timeout=120_000)


def test_every_hub_page_a_volunteer_reaches_is_dutch_with_help_and_snel_weg(
    hub: Hub, context: BrowserContext, people: dict[str, str]
) -> None:
    name = people["f"]
    page = context.new_page()
    progress: list[str] = []
    page.on(
        "console", lambda m: progress.append(m.text) if m.text.startswith("voortgang:") else None
    )
    page.add_init_script(WATCH_PROGRESS)

    # Not logged in: the login page, and Snel weg from it.
    page.goto(f"{hub.url}/hub/login")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    _dutch_with_help_and_snel_weg(page, logged_in=False)
    _no_blocking_violations(page)
    leaving = context.new_page()
    leaving.goto(f"{hub.url}/hub/login")
    _leave_with_the_keyboard(leaving, hub)
    leaving.close()

    # A failed login says so in Dutch.
    page.goto(f"{hub.url}/hub/login")
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD + "-fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    _dutch_with_help_and_snel_weg(page, logged_in=False)
    _no_blocking_violations(page)

    # Five wrong passwords for a name: the sixth try is refused, in Dutch, for a while.
    stranger = f"{name}niemand"  # no account: refusing it locks out nobody else
    for attempt in range(6):
        page.goto(f"{hub.url}/hub/login")
        page.get_by_label("Gebruikersnaam").fill(stranger)
        page.get_by_label("Wachtwoord").fill(PASSWORD + "-fout")
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
        if attempt < 5:
            expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    expect(page.locator("main")).to_contain_text(trainer_text.HUB_LOGIN_REFUSED)
    _dutch_with_help_and_snel_weg(page, logged_in=False)
    _no_blocking_violations(page)

    # Logged in with the keyboard alone (on a phone), the volunteer's server opens on
    # Mijn cursus.
    page.set_viewport_size({"width": 375, "height": 740})
    assert _log_in_with_the_keyboard(page, hub, name) == 2
    _lands_on_mijn_cursus(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The start page, with both buttons in Dutch.
    page.goto(f"{hub.url}/hub/home")
    expect(page.get_by_role("link", name="Naar mijn cursus")).to_be_visible()
    expect(page.get_by_role("button", name="Stop mijn werkplek")).to_be_visible()
    _skip_to_the_page(page)
    _dutch_with_help_and_snel_weg(page, logged_in=True)
    _no_blocking_violations(page)
    _screenshots(page, "start")

    # The page for API keys.
    page.goto(f"{hub.url}/hub/token")
    _dutch_with_help_and_snel_weg(page, logged_in=True)

    # While the server starts: held before its first progress event, to look at it.
    _stop(hub, name)
    held: list[Route] = []
    holding = threading.Event()
    holding.set()

    def hold(route: Route) -> None:
        if holding.is_set():
            held.append(route)
        else:
            route.continue_()

    page.route(PROGRESS, hold)
    starting = _start_in_background(hub, name)
    page.goto(f"{hub.url}/hub/spawn-pending/{name}")
    expect(page.get_by_role("heading", name="Je werkplek wordt klaargezet")).to_be_visible()
    _dutch_with_help_and_snel_weg(page, logged_in=True)
    _no_blocking_violations(page)
    _screenshots(page, "werkplek-start")
    assert held, "the page asked for the progress of the starting server"
    holding.clear()
    for route in held:
        route.continue_()
    _lands_on_mijn_cursus(page, name)
    starting.join()

    # Stopped from the start page: the page of a stopped server.
    page.goto(f"{hub.url}/hub/home")
    page.get_by_role("button", name="Stop mijn werkplek").click()
    expect(page.get_by_role("status")).to_have_text("Je werkplek is gestopt. Je werk is bewaard.")
    page.goto(f"{hub.url}/hub/user/{name}/")
    expect(page.get_by_role("heading", name="Je werkplek is gestopt")).to_be_visible()
    _dutch_with_help_and_snel_weg(page, logged_in=True)
    _no_blocking_violations(page)
    _screenshots(page, "gestopt")

    # Started again, the page shows JupyterHub's real steps, each in Dutch.
    progress.clear()
    starting = _start_in_background(hub, name)
    page.goto(f"{hub.url}/hub/spawn-pending/{name}")
    _lands_on_mijn_cursus(page, name)
    starting.join()
    shown = [line.removeprefix("voortgang: ") for line in progress]
    assert set(STEPS) <= set(shown), shown
    assert not any(ENGLISH_WORDS.search(line) for line in shown), shown

    # A page that does not exist; Snel weg from it ends the login and leaves no cookie.
    page.goto(f"{hub.url}/hub/niet-hier")
    expect(page.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
    _dutch_with_help_and_snel_weg(page, logged_in=True)
    _no_blocking_violations(page)
    _screenshots(page, "bestaat-niet")
    leaving = context.new_page()
    leaving.goto(f"{hub.url}/hub/niet-hier")
    # A page of the volunteer's own server that needs the login (its cookie at /user/<name>/).
    assert context.request.get(f"{hub.url}/user/{name}/lab").ok
    held_before = {cookie["name"] for cookie in context.cookies()}
    assert f"jupyterhub-user-{name}" in held_before, held_before
    _leave_with_the_keyboard(leaving, hub)
    leaving.close()
    assert context.cookies() == [], "Snel weg left no cookie, at any path"
    page.goto(f"{hub.url}/hub/home")
    page.wait_for_url("**/hub/login**")

    # *Uitloggen* ends the login, with the cookie of the volunteer's own server.
    log_in_with_form(page, hub.url, name)
    _lands_on_mijn_cursus(page, name)
    page.goto(f"{hub.url}/hub/home")
    page.get_by_role("link", name="Uitloggen", exact=True).click()
    page.wait_for_url("**/hub/login**")
    _dutch_with_help_and_snel_weg(page, logged_in=False)
    _no_blocking_violations(page)
    left = {cookie["name"] for cookie in context.cookies()}
    assert not any(name in cookie for cookie in left), left


def test_a_trainer_lands_on_the_groepsoverzicht_with_it_in_the_dutch_menu(
    hub: Hub, context: BrowserContext, people: dict[str, str]
) -> None:
    name = people["t"]
    page = context.new_page()
    log_in_with_form(page, hub.url, name)
    page.wait_for_url(f"**/services/{COURSE_ID}/groepsoverzicht/", timeout=120_000)
    expect(page.get_by_role("heading", name=trainer_text.GO_TITLE, level=1)).to_be_visible()
    page.goto(f"{hub.url}/hub/home")
    expect(page.get_by_role("link", name=trainer_text.HUB_SERVICE_GRADING)).to_be_visible()
    _dutch_with_help_and_snel_weg(page, logged_in=True)
