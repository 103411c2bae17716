"""The site leaves as little trail as a browser allows (issue 13), set by the app itself.

Raw HTTP shows the headers, the cookies and the error pages of `make serve`'s server;
Chromium shows that the Content-Security-Policy lets every page work.
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
from coursekit.text import learner
from tests.support.course import ROOT

MODULE = "05-wat-niet-helpt.ipynb"
MODULES = sorted(p.name for p in (ROOT / "modules").glob("*.ipynb"))
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
    assert all(s.startswith("'") or s in ("data:",) for s in sources), (
        "no other host, no scheme but data:"
    )
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
    assert names == {"_xsrf"}, "no cookie remembers an anonymous visitor (username-…)"
    for cookie in cookies:
        assert not re.search(r"expires=|max-age=", cookie, re.IGNORECASE), cookie


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_page_is_the_dutch_page_with_the_help_lines_and_snel_weg(
    voila_url: str, path: str
) -> None:
    response, body = _body(voila_url, path)
    assert response.status in (403, 404), (response.status, body[:200])
    assert '<html lang="nl">' in body
    assert learner.ERROR_NOT_FOUND_TITLE in body
    assert "Snel weg" in body
    assert all(line.number in body for line in facts().help_lines)
    assert "Not Found" not in body and "Traceback" not in body and "Voilà" not in body


def test_the_forget_handler_expires_the_course_cookies(voila_url: str) -> None:
    parts = urlsplit(voila_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    cookie = "_xsrf=abc; username-127-0-0-1=xyz; elders=blijft"
    connection.request("POST", "/coursekit/forget", headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 204
    expired = [v for n, v in response.getheaders() if n.lower() == "set-cookie"]
    assert {v.split("=", 1)[0] for v in expired} == {"_xsrf", "username-127-0-0-1"}
    assert all("expires=" in v.lower() for v in expired)


# --- In Chromium ---------------------------------------------------------------------

WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


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


def _watch(page: Page) -> list[str]:
    messages: list[str] = []
    page.add_init_script(WATCH_POLICY)
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages


@pytest.mark.browser
def test_the_index_breaks_no_rule_of_the_policy(page: Page, voila_url: str) -> None:
    console = _watch(page)
    page.goto(voila_url + "/")
    expect(page.locator(".coursekit-modules a").first).to_be_visible()
    assert page.evaluate("window.__violations") == [] and console == []


@pytest.mark.browser
@pytest.mark.parametrize("module", MODULES, ids=lambda n: n[:2])
def test_every_module_and_an_answer_break_no_rule_of_the_policy(
    page: Page, voila_url: str, module: str
) -> None:
    console = _watch(page)
    page.goto(f"{voila_url}/voila/render/{module}")
    quiz = page.locator(".coursekit-quiz").first
    expect(quiz).to_be_visible(timeout=60_000)
    quiz.locator("button:enabled:visible").first.click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__violations") == [] and console == []
