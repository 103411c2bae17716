"""The feedback page in Chromium: readable on a phone, accessible, and nothing runs or loads.

The page is what nbgrader's ``generate_feedback`` writes with the course's exporter; a
volunteer may open the fetched file itself. axe-core (npm, package-lock.json) checks it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route

from coursekit.text import learner
from tests.support.axe import blocking_violations
from tests.support.feedback import render_feedback

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_the_feedback_page_is_accessible_fits_a_phone_and_runs_nothing(
    browser: Browser, width: int
) -> None:
    requests: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def _refuse(route: Route) -> None:
        requests.append(route.request.url)
        route.abort()

    page.route("**/*", _refuse)
    page.set_content(render_feedback(), wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.title().startswith(learner.FEEDBACK_PAGE_TITLE.split("{")[0])
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0, "markup in a text stays text"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert blocking_violations(page) == []
    assert dialogs == [] and requests == [], "nothing in the page ran or loaded"
    context.close()
