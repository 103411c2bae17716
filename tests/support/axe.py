"""axe-core in a real page: its serious and critical violations, one line each.

axe-core comes from npm, pinned in package-lock.json (`make test` runs `npm ci`). The script
is evaluated in the page rather than added as a ``<script>``, so that pages whose
Content-Security-Policy refuses inline scripts (Mijn cursus) are checked the same way.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.course import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def blocking_violations(page: Page) -> list[str]:
    """One line per element with a serious or critical violation: rule, impact, target, help."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, or `npm ci` in {ROOT}")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({node.get('impact') or rule['impact']}): "
        f"{' '.join(map(str, node['target']))}: {rule['help']}"
        for rule in result["violations"]
        for node in rule["nodes"]
        if (node.get("impact") or rule["impact"]) in BLOCKING
    ]
