"""The site leaves as little trail as a browser allows (issue 13), set by the app itself.

Raw HTTP shows the headers, the cookies and the error pages of `make serve`'s server;
Chromium shows that the Content-Security-Policy lets every page work and that after
"Snel weg" neither the tab's history nor the cookies lead back to the course.
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from importlib.metadata import version
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit.content.facts import facts
from coursekit.site.page_kernels import COOKIE as PAGE_COOKIE
from coursekit.text import learner
from tests.support.axe import watch_policy
from tests.support.course import ROOT

MODULE = "06-wat-niet-helpt.ipynb"
MODULES = sorted(p.name for p in (ROOT / "modules").glob("*.ipynb"))
NEUTRAL = "https://www.google.nl/"
# (The repository's voila.py hides the voila package from `import voila`.)
VERSIONS = tuple(version(name) for name in ("tornado", "voila", "jupyter_server"))
PAGES = ["/", f"/voila/render/{MODULE}"]
# One of each kind of handler: pages, Voila's and the template's static files, a
# labextension, the API, tornado's own 404 and a crafted template path.
RESPONSES = [
    *PAGES,
    "/voila/static/voila.js",
    "/voila/templates/coursekit/static/index.css",
    "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json",
    "/api/kernels/00000000-0000-0000-0000-000000000000",
    "/niet-hier",
    "/voila/templates/x",
]
# Paths that must give the Dutch page, not tornado's English one nor a 500.
MISSING = [
    "/niet-hier",
    "/voila/render/niet-hier.ipynb",
    "/voila/tree/niet-hier",
    "/voila/static/niet-hier.js",
    "/voila/files/niet-hier",
    "/voila/templates/x",
    "/voila/templates/a/b",
    "/voila/templates/coursekit/static/",
    "/voila/templates/coursekit/static/niet-hier.css",
    "/voila/templates/../x",
    "/voila/templates/coursekit/static/../../x",
    "/voila/templates/niet-hier/static/x.css",
    "/voila/templates/%2e%2e/static/x",
    "/voila/templates/coursekit/static/%00",
    # Voila redirects a render path that is no notebook to /voila/files/, and tornado
    # refuses a NUL or line break in the Location header.
    "/voila/render/01-wat-is-stalking.ipynb%00",
    "/voila/render/%00",
    "/voila/render/x%0d%0aSet-Cookie:%20a=b",
]


def _raw(url: str, path: str) -> http.client.HTTPResponse:
    """``path`` sent exactly as written (no client normalises the dots)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _body(url: str, path: str) -> tuple[http.client.HTTPResponse, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response, body


def _policy(header: str) -> dict[str, list[str]]:
    """The directives as a browser reads them: a repeated directive is ignored (the API's
    responses add jupyter_server's `default-src 'none'` after the policy)."""
    policy: dict[str, list[str]] = {}
    for name, *sources in (part.split() for part in header.split(";") if part.strip()):
        policy.setdefault(name, sources)
    return policy


@pytest.mark.parametrize("path", RESPONSES)
def test_every_response_sends_no_referrer_a_strict_policy_and_no_version(
    voila_url: str, path: str
) -> None:
    response = _raw(voila_url, path)
    assert response.getheader("Referrer-Policy") == "no-referrer"
    policy = _policy(response.getheader("Content-Security-Policy") or "")
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "report-uri" not in policy, "no report address that this server does not serve"
    sources = [source for values in policy.values() for source in values]
    assert all(s.startswith("'") or s in ("data:",) for s in sources if s != "blob:"), (
        "no other host, no scheme but data: (and blob: for scripts)"
    )
    # blob: only for scripts: anywidget imports the answer controls' package JavaScript
    # from a blob: URL that the page's own script makes (voila.py).
    assert [name for name, values in policy.items() if "blob:" in values] == ["script-src"]
    assert "'unsafe-eval'" not in sources
    assert response.getheader("Server") is None
    headers = "\n".join(f"{name}: {value}" for name, value in response.getheaders())
    assert not any(version in headers for version in VERSIONS), headers


@pytest.mark.parametrize("path", [*PAGES, "/niet-hier", "/voila/templates/x"])
def test_course_and_error_pages_are_never_stored_and_name_no_version(
    voila_url: str, path: str
) -> None:
    response, body = _body(voila_url, path)
    assert "no-store" in (response.getheader("Cache-Control") or "")
    assert not any(f'"{version}"' in body for version in VERSIONS)
    assert "appVersion" not in body


def test_cookies_last_only_the_browser_session(voila_url: str) -> None:
    cookies = [
        value
        for path in PAGES
        for name, value in _raw(voila_url, path).getheaders()
        if name.lower() == "set-cookie"
    ]
    names = {cookie.split("=", 1)[0] for cookie in cookies}
    assert names == {"_xsrf", PAGE_COOKIE}, "no cookie remembers an anonymous visitor"
    for cookie in cookies:
        assert not re.search(r"expires=|max-age=", cookie, re.IGNORECASE), cookie
    (page,) = [c for c in cookies if c.startswith(PAGE_COOKIE + "=")]
    flags = {flag.strip().lower() for flag in page.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= flags, "no script or other site reads it"


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_page_is_the_dutch_page_with_the_help_lines_and_snel_weg(
    voila_url: str, path: str
) -> None:
    response, body = _body(voila_url, path)
    assert response.status in (403, 404), (response.status, body[:200])
    assert '<html lang="nl">' in body
    assert learner.ERROR_NOT_FOUND_TITLE in body
    assert "Snel weg" in body
    assert all(line.number in body for line in facts().help_bar_lines())
    assert "Not Found" not in body and "Traceback" not in body and "Voilà" not in body


def test_the_forget_handler_expires_the_course_cookies(voila_url: str) -> None:
    parts = urlsplit(voila_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    cookie = f"_xsrf=abc; username-127-0-0-1=xyz; {PAGE_COOKIE}=def; elders=blijft"
    connection.request("POST", "/coursekit/forget", headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 204
    expired = [v for n, v in response.getheaders() if n.lower() == "set-cookie"]
    assert {v.split("=", 1)[0] for v in expired} == {"_xsrf", "username-127-0-0-1", PAGE_COOKIE}
    assert all("expires=" in v.lower() for v in expired)


# --- In Chromium ---------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab of its own (its own cookies), in which the neutral site never loads for real."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "https://www.google.nl/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutraal</p>"),
    )
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.browser
def test_the_index_breaks_no_rule_of_the_policy(page: Page, voila_url: str) -> None:
    console = watch_policy(page)
    page.goto(voila_url + "/")
    expect(page.locator(".coursekit-modules a").first).to_be_visible()
    expect(page.get_by_text("privévenster")).to_be_visible()
    assert page.evaluate("window.__violations") == [] and console == []


# Every module with an answer breaks no rule of the policy: checked in test_voila_module.py
# (test_every_module_renders_its_text_help_lines_and_quizzes), on the same visit as its
# render, key-leak and axe checks.


def _course(page: Page, voila_url: str) -> int:
    """Open the index, then a module, the index and the module again by their links, and
    an in-page link: the tab's history (the empty tab it started as, then the index) never
    grows. Returns its length."""
    page.goto(voila_url + "/")
    entries = int(page.evaluate("history.length"))
    page.locator(".coursekit-modules a").nth(MODULES.index(MODULE)).click()
    page.wait_for_url(f"**/{MODULE}")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Naar de inhoud").focus()  # an in-page link
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.get_by_role("link", name="← Alle modules").click()
    page.wait_for_url(voila_url + "/")
    page.locator(".coursekit-modules a").nth(MODULES.index(MODULE)).click()
    page.wait_for_url(f"**/{MODULE}")
    assert page.evaluate("history.length") == entries, "every link replaced its entry"
    return entries


def _left(page: Page, voila_url: str, entries: int) -> None:
    page.wait_for_url(NEUTRAL)
    assert page.evaluate("history.length") == entries, "Snel weg replaced the course's entry"
    page.go_back()
    page.go_back()
    assert not page.url.startswith(voila_url), "Back never reaches a course page"
    assert page.context.cookies(voila_url) == [], "the course's cookies are gone"


@pytest.mark.browser
def test_snel_weg_leaves_no_course_page_in_the_history_and_no_cookie(
    page: Page, voila_url: str
) -> None:
    entries = _course(page, voila_url)
    assert page.context.cookies(voila_url) != []
    page.mouse.wheel(0, 5000)
    exit_link = page.get_by_role("link", name="Snel weg")
    expect(exit_link).to_be_in_viewport()
    exit_link.click()
    _left(page, voila_url, entries)


@pytest.mark.browser
def test_shift_three_times_is_snel_weg_but_not_shift_with_typing(
    page: Page, voila_url: str
) -> None:
    entries = _course(page, voila_url)
    for key in ("Shift", "Shift", "a", "Shift", "Shift+A", "Shift"):
        page.keyboard.press(key)
    page.wait_for_timeout(600)
    assert page.url.endswith(MODULE), "Shift with other keys in between does not leave"
    for _ in range(3):
        page.keyboard.press("Shift")
    _left(page, voila_url, entries)
