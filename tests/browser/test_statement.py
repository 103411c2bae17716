"""The accessibility statement (toegankelijkheidsverklaring, issue 17): a Dutch page of the
site at ``<base>/toegankelijkheid``, with the headers, the help bar and Snel weg of every
page, linked from the footer of the index and of every module, and clean for axe-core with
WCAG 2.1 AA and best-practice rules (every impact, not only serious and critical).
"""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit.content.facts import facts
from coursekit.text import learner
from tests.support.axe import AXE
from tests.support.course import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
# The smallest module: its footer is the footer of every module page.
MODULE = "00-welkom.ipynb"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
LINK = "Toegankelijkheid van de cursus"
# The address the hub's pages link to as well: a contract, so typed out here.
STATEMENT_PATH = "toegankelijkheid"


def _axe(page: Page) -> list[str]:
    """Every violation of WCAG 2.1 A/AA and best practice, whatever its impact."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{rule['id']} ({node.get('impact')}): {' '.join(map(str, node['target']))}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def test_the_statement_is_a_private_dutch_page_with_the_help_lines(voila_url: str) -> None:
    parts = urlsplit(voila_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("GET", "/" + STATEMENT_PATH)
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    assert response.status == 200, body[:300]
    assert response.getheader("Content-Type") == "text/html; charset=UTF-8"
    assert "no-store" in (response.getheader("Cache-Control") or "")
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert "default-src 'self'" in (response.getheader("Content-Security-Policy") or "")
    assert response.getheader("Server") is None
    assert response.getheader("Set-Cookie") is None, "reading the statement sets no cookie"
    assert '<html lang="nl">' in body
    assert all(line.number in body for line in facts().help_bar_lines())
    assert learner.STATEMENT_CONTACT in body, "the default contact when none is set"
    assert "WCAG 2.1" in body and "EN 301 549" in body


@pytest.mark.parametrize("width", [375, 1280])
def test_every_footer_links_to_the_statement_which_passes_axe(
    browser: Browser, voila_url: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        if width == 375:  # a module's footer (the index's at 1280)
            page.goto(f"{voila_url}/voila/render/{MODULE}")
            expect(page.locator("#loading")).to_be_hidden(timeout=60_000)
        else:
            page.goto(voila_url + "/")
        link = page.locator("footer").get_by_role("link", name=LINK, exact=True)
        expect(link).to_have_attribute("href", "/" + STATEMENT_PATH)
        box = link.bounding_box()
        assert box and box["height"] >= 44, f"a 44 px target: {box}"
        link.click()
        expect(page).to_have_url(f"{voila_url}/{STATEMENT_PATH}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheid")
        expect(page.get_by_role("link", name="Snel weg", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Naar de inhoud", exact=True)).to_be_attached()
        expect(page.locator("footer").get_by_role("link", name=LINK, exact=True)).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"statement-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "no sideways scrolling"
        violations = _axe(page)
        assert violations == [], "\n".join(violations)
    finally:
        page.close()
