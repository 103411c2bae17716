"""axe-core in a real page: its serious and critical violations, one line each.

axe-core comes from npm, pinned in package-lock.json (`make test` runs `npm ci`). The script
is evaluated in the page rather than added as a ``<script>``, so that pages whose
Content-Security-Policy refuses inline scripts (Mijn cursus) are checked the same way.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.course import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
#: WCAG 2.1 A and AA, and axe's best practices (landmarks, regions, heading order, ...).
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")


def blocking_violations(page: Page) -> list[str]:
    """One line per element with a serious or critical violation: rule, impact, target, help."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, or `npm ci` in {ROOT}")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        f"{list(TAGS)!r}}}}})"
    )
    return [
        f"{rule['id']} ({node.get('impact') or rule['impact']}): "
        f"{' '.join(map(str, node['target']))}: {rule['help']}"
        for rule in result["violations"]
        for node in rule["nodes"]
        if (node.get("impact") or rule["impact"]) in BLOCKING
    ]


def show_everything(page: Page) -> None:
    """Make the viewport as tall as the module, so that axe checks all of it.

    Voila's lab shell scrolls the module inside div#rendered_cells, within a panel that clips
    (overflow: hidden). axe skips what is clipped, so at 900 px it would check the contrast of
    the first screen only. Without an inner scroll, every element is on screen.
    """
    overflow = "(() => { const s = document.getElementById('rendered_cells');"
    overflow += " return s ? s.scrollHeight - s.clientHeight : 0; })()"
    for _ in range(5):
        extra = int(page.evaluate(overflow))
        if extra <= 0:
            return
        size = page.viewport_size or {"width": 1280, "height": 900}
        page.set_viewport_size({"width": size["width"], "height": size["height"] + extra + 10})
        # Wait until the page has laid itself out again. Polled with evaluate: the course's
        # Content-Security-Policy forbids the eval that wait_for_function would need.
        deadline = time.monotonic() + 15
        while int(page.evaluate(overflow)) >= extra and time.monotonic() < deadline:
            time.sleep(0.05)
    pytest.fail("the module still scrolls inside the page: axe would not see all of it")


def module_violations(page: Page) -> list[str]:
    """The serious and critical violations of a whole module page, not only its first screen."""
    show_everything(page)
    return blocking_violations(page)


#: Records every Content-Security-Policy violation of a page in window.__violations.
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def watch_policy(page: Page) -> list[str]:
    """Before a page loads: record its policy violations (window.__violations) and the
    console's policy messages (the returned list)."""
    messages: list[str] = []
    page.add_init_script(WATCH_POLICY)
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages
