"""What Chromium's accessibility tree says about a part of a page (DevTools protocol).

Playwright's role locators and aria snapshots compute roles themselves; a screen reader
reads Chromium's own tree. ``controls`` asks Chromium for it: the radio groups, radios,
buttons and live regions under one element, with their names and states.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

ROLES = ("radiogroup", "radio", "group", "button", "status")
STATES = ("checked", "pressed", "disabled", "live")


def controls(page: Page, selector: str, index: int = 0) -> list[dict[str, Any]]:
    """Per node under the ``index``-th match of ``selector``: its role, name,
    states (checked, pressed, disabled, live) and, for a status region, its text; by role,
    then in tree order."""
    mark = f"data-ax-{index}"
    page.evaluate(
        "([s, i, m]) => document.querySelectorAll(s)[i].setAttribute(m, '')",
        [selector, index, mark],
    )
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"[{mark}]"})["nodeId"]
        found: list[dict[str, Any]] = []
        for role in ROLES:
            nodes = cdp.send("Accessibility.queryAXTree", {"nodeId": node, "role": role})["nodes"]
            for ax in nodes:
                if ax.get("ignored"):
                    continue
                props = {p["name"]: p["value"].get("value") for p in ax.get("properties", [])}
                entry: dict[str, Any] = {
                    "role": role,
                    "name": (ax.get("name") or {}).get("value", ""),
                    "node": ax.get("backendDOMNodeId"),
                    **{state: props[state] for state in STATES if state in props},
                }
                found.append(entry)
        for entry in found:
            if entry["role"] == "status":
                resolved = cdp.send("DOM.resolveNode", {"backendNodeId": entry["node"]})
                text = cdp.send(
                    "Runtime.callFunctionOn",
                    {
                        "objectId": resolved["object"]["objectId"],
                        "functionDeclaration": "function () { return this.innerText; }",
                        "returnByValue": True,
                    },
                )
                entry["text"] = " ".join(str(text["result"].get("value", "")).split())
        return found
    finally:
        cdp.detach()
        page.evaluate(
            "([s, i, m]) => document.querySelectorAll(s)[i].removeAttribute(m)",
            [selector, index, mark],
        )


def describe(nodes: list[dict[str, Any]]) -> str:
    """The nodes as text, one line each (for a report or an assertion message)."""
    lines = []
    for n in nodes:
        states = " ".join(f"{s}={n[s]}" for s in STATES if s in n)
        text = f" text={n['text']!r}" if "text" in n else ""
        lines.append(f"{n['role']} {n['name']!r} {states}{text}".rstrip())
    return "\n".join(lines)
