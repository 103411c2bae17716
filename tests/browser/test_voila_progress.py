"""The end of every module, and what a finished module leaves behind (issue "Mijn cursus").

On `make serve`'s site: each module links to the next; finishing a closing quiz stores
nothing unless the visitor chose so on the index; that choice, the forget button and Snel weg.
Under the hub's paths (Voila at /services/cursus/ with JUPYTERHUB_SERVICE_PREFIX set, and a
real recording server for Mijn cursus's two endpoints on the same port,
tests/support/progress_recorder.py): a page opened from Mijn cursus reports, any other
reports nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from coursekit.content.course import course
from coursekit.content.kinds import STATEMENTS, packaged_items
from coursekit.text import learner
from tests.support.course import BIN, ROOT
from tests.support.kernel_socket import kill_page_kernel
from tests.support.key_material import all_secrets
from tests.support.progress_recorder import BASIS, XSRF
from tests.support.servers import free_port, run_server

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
MODULES = course().modules
FIRST = course().module(1)
SECOND = course().module(2)
KEYS = {" ".join(s.text.split()): s.key for s in packaged_items(STATEMENTS)}
REMEMBER = "Onthoud op dit apparaat welke modules je af hebt"
FORGET = "Vergeet wat dit apparaat onthoudt"
NOT_SAVED = "Je voortgang is nu niet bewaard."
STORAGE = "[localStorage.length, sessionStorage.length]"
PREFIX = "/services/cursus/"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser context of its own: its own cookies and storage."""
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    made.route(
        "https://www.google.nl/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutraal</p>"),
    )
    yield made
    made.close()


def _module(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    # Voila streams a module cell by cell; its end comes after the last cell has run, which
    # on a busy machine takes well over Playwright's 30 s for module 4 (the largest).
    expect(page.locator(".coursekit-end")).to_be_attached(timeout=180_000)


def finish_closing_quiz(page: Page) -> tuple[int, int]:
    """Answer the closing quiz's round right by clicking, with the key from the banks.
    Returns the score the page shows."""
    quiz = page.locator(".coursekit-mastery")
    expect(quiz).to_be_attached(timeout=180_000)  # a late cell: see _module
    quiz.scroll_into_view_if_needed()
    total = int(re.findall(r"van (\d+)", quiz.get_by_text("Vraag 1 van").inner_text())[0])
    statement = quiz.locator(".coursekit-statement")
    shown = ""
    for number in range(1, total + 1):
        expect(quiz.get_by_text(f"Vraag {number} van {total}")).to_be_visible()
        # The number and the statement are two widgets, updated one after the other.
        expect(statement).not_to_have_text(shown)
        shown = statement.inner_text()
        text = " ".join(shown.strip("“” \n").split())
        label = learner.LABEL_HELPFUL if KEYS[text] == "helpful" else learner.LABEL_HARMFUL
        quiz.get_by_role("button", name=label, exact=True).click()
        expect(quiz.get_by_text(learner.CORRECT).first).to_be_visible()
        if number < total:
            quiz.get_by_role("button", name=learner.NEXT, exact=True).click()
    done = quiz.get_by_text("✔ Module klaar")
    expect(done).to_be_visible()
    goed, van = re.findall(r"(\d+) van de (\d+)", done.inner_text())[0]
    return int(goed), int(van)


def _wait_for(check: Any, what: str, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"waited {timeout} s for {what}")


# On `make serve`'s site


# The template renders the page config's link; tests/site/test_module_pages.py checks that
# config for every module. In the browser: the first, one in between, and the last.
ENDS = [MODULES[0], MODULES[1], MODULES[-1]]


@pytest.mark.parametrize("module", ENDS, ids=lambda m: f"{m.number:02d}")
def test_a_module_ends_with_a_link_to_the_next_one(
    context: BrowserContext, voila_url: str, module: Any
) -> None:
    page = context.new_page()
    _module(page, f"{voila_url}/voila/render/{module.file}")
    end = page.get_by_role("navigation", name="Verder met de cursus")
    end.scroll_into_view_if_needed()
    following = course().after(module)
    if following is None:
        link = end.get_by_role("link", name="Naar alle modules")
        expect(link).to_have_attribute("href", "/")
    else:
        link = end.get_by_role("link", name=f"Volgende module: {following.title}")
        expect(link).to_have_attribute("href", f"/voila/render/{following.file}")
    expect(link).to_be_visible()
    after_last_cell = page.evaluate(
        """() => { const cells = document.querySelectorAll('.jp-Cell');
                   const end = document.querySelector('.coursekit-end');
                   return !!(cells[cells.length - 1].compareDocumentPosition(end) & 4); }"""
    )
    assert after_last_cell, "the links come after the module's last cell"
    expect(end.get_by_role("link", name="Terug naar Mijn cursus")).to_be_hidden()
    assert page.evaluate(STORAGE) == [0, 0]


def test_a_finished_closing_quiz_stores_nothing_without_the_choice(
    context: BrowserContext, voila_url: str
) -> None:
    page = context.new_page()
    _module(page, f"{voila_url}/voila/render/{FIRST.file}")
    goed, van = finish_closing_quiz(page)
    mark = page.locator("[data-coursekit-afgerond]")
    expect(mark).to_have_count(1)
    outer = mark.evaluate("el => el.outerHTML")
    assert outer == (
        f'<span hidden="" data-coursekit-afgerond="{FIRST.id}" data-goed="{goed}" '
        f'data-van="{van}"></span>'
    ), "the mark holds the module's id and the score, nothing else"
    assert [s for s in all_secrets() if s in outer] == []
    page.get_by_role("link", name=f"Volgende module: {SECOND.title}").scroll_into_view_if_needed()
    assert page.evaluate(STORAGE) == [0, 0]
    page.goto(voila_url + "/")
    expect(page.get_by_text(REMEMBER)).to_be_visible()
    expect(page.locator(".coursekit-done:visible")).to_have_count(0)
    assert page.evaluate(STORAGE) == [0, 0]


def _tab_to(page: Page, predicate: str, what: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    pytest.fail(f"Tab never reached {what}")


def _stored(page: Page) -> dict[str, str]:
    return dict(page.evaluate("Object.entries(localStorage)"))


def _shot(page: Page, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.get_by_role("heading", name="Onthouden op dit apparaat").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"index-onthouden-{width}.png"), full_page=True)


def test_with_the_choice_the_index_shows_a_finished_module_until_it_is_forgotten(
    context: BrowserContext, voila_url: str
) -> None:
    page = context.new_page()
    page.goto(voila_url + "/")
    choice = page.get_by_role("checkbox", name=REMEMBER)
    expect(choice).not_to_be_checked()
    _tab_to(page, "el.id === 'coursekit-onthoud'", "the choice")
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    assert _stored(page) == {"coursekit-onthouden": "1"}

    _module(page, f"{voila_url}/voila/render/{FIRST.file}")
    finish_closing_quiz(page)
    _wait_for(lambda: "coursekit-afgerond" in _stored(page), "the module to be remembered")
    assert json.loads(_stored(page)["coursekit-afgerond"]) == [FIRST.id]
    assert page.evaluate("sessionStorage.length") == 0

    page.goto(voila_url + "/")
    expect(choice).to_be_checked()
    done = page.locator(f'[data-module="{FIRST.id}"] .coursekit-done')
    expect(done).to_be_visible()
    expect(done).to_have_text("✔ Afgerond")
    expect(page.locator(".coursekit-done:visible")).to_have_count(1)
    _shot(page, 375)
    _shot(page, 1280)

    _tab_to(page, f"el.innerText === {FORGET!r}", "the forget button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="onthoudt nu niets meer")).to_be_visible()
    expect(done).to_be_hidden()
    expect(choice).not_to_be_checked()
    assert page.evaluate(STORAGE) == [0, 0]


def test_module_0_has_no_closing_quiz_and_is_finished_at_its_end(
    context: BrowserContext, voila_url: str
) -> None:
    page = context.new_page()
    page.goto(voila_url + "/")
    page.get_by_role("checkbox", name=REMEMBER).check()
    welkom = course().module(0)
    _module(page, f"{voila_url}/voila/render/{welkom.file}")
    assert "coursekit-afgerond" not in _stored(page), "not before the end is in view"
    page.get_by_role("link", name=f"Volgende module: {FIRST.title}").scroll_into_view_if_needed()
    _wait_for(lambda: "coursekit-afgerond" in _stored(page), "module 0 to be remembered")
    assert json.loads(_stored(page)["coursekit-afgerond"]) == [welkom.id]


def test_unticking_the_choice_forgets_too(context: BrowserContext, voila_url: str) -> None:
    page = context.new_page()
    page.goto(voila_url + "/")
    choice = page.get_by_role("checkbox", name=REMEMBER)
    choice.check()
    assert _stored(page) == {"coursekit-onthouden": "1"}
    choice.uncheck()
    assert page.evaluate(STORAGE) == [0, 0]


def test_snel_weg_clears_what_the_course_kept_in_the_browser(
    context: BrowserContext, voila_url: str
) -> None:
    page = context.new_page()
    page.goto(voila_url + "/")
    page.get_by_role("checkbox", name=REMEMBER).check()
    # What a visitor from Mijn cursus and a finished module leave (set here, not earned: the
    # tests above earn them), and one key of another site on this origin, which stays.
    page.evaluate(
        """() => { localStorage.setItem('coursekit-afgerond', '["welkom"]');
                   sessionStorage.setItem('coursekit-mijn-cursus', '1');
                   localStorage.setItem('iets-anders', 'x'); }"""
    )
    # The server's forget handler cannot answer: the page script alone must clear them
    # (the handler's Clear-Site-Data would otherwise do it for a browser on this machine).
    page.route("**/coursekit/forget", lambda route: route.abort())
    page.get_by_role("link", name="Snel weg").click()
    page.wait_for_url("https://www.google.nl/")
    page.goto(voila_url + "/")  # the same tab: its sessionStorage for the course's origin
    expect(page.get_by_role("checkbox", name=REMEMBER)).not_to_be_checked()
    assert _stored(page) == {"iets-anders": "x"}
    assert page.evaluate("sessionStorage.length") == 0


# Under the hub's paths, with a recording server for Mijn cursus on the same port

HUB_CONFIG = f"""\
import sys
sys.path.insert(0, {str(ROOT)!r})
exec(compile(open({str(ROOT / "voila.py")!r}).read(), "voila.py", "exec"))
from tests.support.progress_recorder import add_recorder
add_recorder()
"""


@pytest.fixture(scope="module")
def hub_url(jupyter_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course's Voila as the hub's `cursus` service runs it, plus the recorder."""
    site = tmp_path_factory.mktemp("cursus")
    shutil.copy(ROOT / "voila.json", site)
    (site / "voila.py").write_text(HUB_CONFIG, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(BIN / "voila"),
        str(ROOT / "modules"),
        f"--port={port}",
        f"--Voila.base_url={PREFIX}",
    ]
    saved = os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    os.environ["JUPYTERHUB_SERVICE_PREFIX"] = PREFIX
    try:
        server = run_server(command, site, jupyter_home / "voila-cursus.log", url + PREFIX)
        next(server)
    finally:
        if saved is None:
            del os.environ["JUPYTERHUB_SERVICE_PREFIX"]
        else:
            os.environ["JUPYTERHUB_SERVICE_PREFIX"] = saved
    yield url
    next(server, None)


def _record(hub_url: str, mode: str = "json", fail: int = 0) -> None:
    request = urllib.request.Request(
        hub_url + "/opname", data=json.dumps({"mode": mode, "fail": fail}).encode(), method="POST"
    )
    urllib.request.urlopen(request, timeout=10).close()


def _requests(hub_url: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(hub_url + "/opname", timeout=10) as answer:
        return list(json.loads(answer.read()))


def _posts(hub_url: str) -> list[dict[str, Any]]:
    return [r for r in _requests(hub_url) if r["what"] == "voortgang"]


def _round_trip(page: Page) -> None:
    """A request from the page to the server and back. What the page script would send next
    (a post after the session's answer; a retry on the focus event) it sends within the same
    turns of the event loop, so it is at the server before this answer is back."""
    for _ in range(2):
        page.evaluate("fetch('/opname', {cache: 'no-store'}).then(r => r.json())")


def test_from_mijn_cursus_a_module_reports_its_start_and_its_mastery(
    context: BrowserContext, hub_url: str
) -> None:
    _record(hub_url)
    plain = context.new_page()
    _module(plain, f"{hub_url}{PREFIX}voila/render/{FIRST.file}")
    assert plain.evaluate(STORAGE) == [0, 0]
    expect(plain.get_by_role("link", name="Terug naar Mijn cursus")).to_be_hidden()
    plain.close()

    page = context.new_page()
    refused: list[str] = []  # the site's Content-Security-Policy must allow the posts
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    _module(page, f"{hub_url}{PREFIX}voila/render/{FIRST.file}#mijn-cursus")
    _wait_for(lambda: _posts(hub_url), "'begonnen'")
    assert [r["what"] for r in _requests(hub_url)] == ["sessie", "voortgang"], (
        "the page opened without #mijn-cursus asked nothing"
    )
    (begun,) = _posts(hub_url)
    assert begun == {
        "what": "voortgang",
        "module": FIRST.id,
        "xsrf": XSRF,
        "origin": hub_url,
        "type": "application/json",
        "cookie": True,
        "body": {"gebeurtenis": "begonnen"},
        "answered": 200,
    }
    assert page.evaluate("Object.entries(sessionStorage)") == [["coursekit-mijn-cursus", "1"]]
    assert page.evaluate("localStorage.length") == 0
    back = page.get_by_role("link", name="Terug naar Mijn cursus")
    expect(back).to_have_attribute("href", "/hub/user-redirect/mijn-cursus/")
    back.scroll_into_view_if_needed()
    page.set_viewport_size({"width": 375, "height": 700})
    back.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "module-einde-vanuit-mijn-cursus-375.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    goed, van = finish_closing_quiz(page)
    _wait_for(lambda: len(_posts(hub_url)) == 2, "'afgerond'")
    finished = _posts(hub_url)[1]
    assert finished["module"] == FIRST.id and finished["xsrf"] == XSRF
    assert finished["body"] == {"gebeurtenis": "afgerond", "goed": goed, "van": van}
    assert page.evaluate("localStorage.length") == 0
    expect(page.locator(".coursekit-not-saved")).to_have_text("")

    # The next module, in the same tab and without #mijn-cursus, still reports.
    page.get_by_role("link", name=f"Volgende module: {SECOND.title}").click()
    page.wait_for_url(f"**/{SECOND.file}")
    _wait_for(lambda: len(_posts(hub_url)) == 3, "'begonnen' of the next module")
    assert _posts(hub_url)[2]["module"] == SECOND.id
    assert refused == []
    back.click()
    page.wait_for_url(f"**{BASIS}mijn-cursus/")
    expect(page).to_have_title("Mijn cursus")


def test_a_session_answer_that_is_no_json_means_no_report_and_no_message(
    context: BrowserContext, hub_url: str
) -> None:
    _record(hub_url, mode="html")
    page = context.new_page()
    _module(page, f"{hub_url}{PREFIX}voila/render/{SECOND.file}#mijn-cursus")
    _wait_for(lambda: _requests(hub_url), "the question for the session")
    _round_trip(page)
    assert _requests(hub_url) == [{"what": "sessie"}]
    expect(page.locator(".coursekit-not-saved")).to_have_text("")


def test_a_report_that_fails_says_so_and_is_tried_once_more_on_focus(
    context: BrowserContext, hub_url: str
) -> None:
    _record(hub_url, fail=2)
    page = context.new_page()
    _module(page, f"{hub_url}{PREFIX}voila/render/{SECOND.file}#mijn-cursus")
    line = page.locator(".coursekit-not-saved")
    expect(line).to_contain_text(NOT_SAVED)
    assert [r["answered"] for r in _posts(hub_url)] == [503]
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    _wait_for(lambda: len(_posts(hub_url)) == 2, "the second try")
    expect(line).to_contain_text(NOT_SAVED)  # failed again: the line stays
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    _round_trip(page)
    assert len(_posts(hub_url)) == 2, "tried once more, not again and again"
    # The quiz still works: nothing waited for the report.
    quiz = page.locator(".coursekit-mastery")
    quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True).click()
    expect(
        quiz.get_by_text(learner.CORRECT).or_(quiz.get_by_text(learner.INCORRECT)).first
    ).to_be_visible()


def test_a_report_that_fails_once_is_saved_on_the_second_try(
    context: BrowserContext, hub_url: str
) -> None:
    _record(hub_url, fail=1)
    page = context.new_page()
    _module(page, f"{hub_url}{PREFIX}voila/render/{SECOND.file}#mijn-cursus")
    line = page.locator(".coursekit-not-saved")
    expect(line).to_contain_text(NOT_SAVED)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(line).to_have_text("")
    assert [(r["answered"], r["body"]) for r in _posts(hub_url)] == [
        (503, {"gebeurtenis": "begonnen"}),
        (200, {"gebeurtenis": "begonnen"}),
    ]


def test_the_index_from_mijn_cursus_leads_back_there_and_offers_no_local_memory(
    context: BrowserContext, hub_url: str
) -> None:
    page = context.new_page()
    page.goto(f"{hub_url}{PREFIX}")
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar Mijn cursus")).to_have_count(0)
    assert page.evaluate(STORAGE) == [0, 0]

    page.goto(f"{hub_url}{PREFIX}#mijn-cursus")
    page.reload()  # a change of the hash alone loads no page
    back = page.get_by_role("link", name="Terug naar Mijn cursus")
    expect(back).to_be_visible()
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_have_count(0)
    assert page.evaluate("Object.entries(sessionStorage)") == [["coursekit-mijn-cursus", "1"]]
    assert page.evaluate("localStorage.length") == 0
    page.set_viewport_size({"width": 375, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index-vanuit-mijn-cursus-375.png"), full_page=True)


def test_the_hub_service_compresses_its_static_files_under_its_prefix(hub_url: str) -> None:
    """coursekit.site.transfer under the service's base URL, not only at the root."""
    static = urllib.request.Request(
        f"{hub_url}{PREFIX}voila/static/voila.js", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(static, timeout=60) as response:
        assert response.headers["Content-Encoding"] == "gzip"
    page = urllib.request.Request(
        f"{hub_url}{PREFIX}voila/render/{SECOND.file}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(page, timeout=120) as response:
        assert response.headers["Content-Encoding"] is None
        response.read()


def test_a_lost_kernel_from_mijn_cursus_says_that_what_is_saved_there_stays(
    context: BrowserContext, hub_url: str
) -> None:
    """The fault message of a module page (issue 16) on the hub: the answers on this page are
    lost with a reload, what Mijn cursus already has is not."""
    page = context.new_page()
    _module(page, f"{hub_url}{PREFIX}voila/render/{SECOND.file}#mijn-cursus")
    kill_page_kernel(page)
    region = page.locator("#coursekit-fault-status")
    expect(region).to_contain_text("Je antwoorden op deze pagina zijn dan weg.")
    expect(region).to_contain_text("Wat al in Mijn cursus staat, blijft staan.")
    page.close()
