"""The page around a module on a phone, at 400 % zoom and on a desktop (issue 17).

One scroll (the document's), no sideways scroll, Snel weg always in view, a help bar that
folds to one line on a phone, readable type in a column of about 70 characters, targets of
44 px, and "Deel 3 van 7" under every section heading. One visit per width: the phone's page
is also measured at 320 x 256 px (1280 px at 400 % zoom), after a resize.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.course import ROOT

pytestmark = pytest.mark.browser
MODULE = "05-meedenken-en-bewijs.ipynb"
SHOTS = ROOT / "test-artifacts"

#: Every element except the document that scrolls its own content, and whether the page
#: scrolls sideways.
SCROLLERS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    const y = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const x = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (x || y) { found.push(el.tagName + "." + String(el.className).slice(0, 80)); }
  }
  const page = document.scrollingElement;
  return { scrollers: found, sideways: page.scrollWidth > page.clientWidth };
}"""

#: Type, line length and targets. Line length is counted per rendered line: a Range over
#: each character of a paragraph, grouped by the top of its box.
MEASURE = """(selectors) => {
  // checkVisibility: a closed <details> keeps its content laid out (content-visibility).
  const visible = (el) => el.checkVisibility({ visibilityProperty: true });
  const prose = Array.from(document.querySelectorAll(selectors.prose)).filter(visible);
  const type = prose.map((el) => {
    const s = getComputedStyle(el);
    return [parseFloat(s.fontSize), parseFloat(s.lineHeight) / parseFloat(s.fontSize)];
  });
  let longest = 0;
  for (const el of prose.slice(0, 12)) {
    const lines = new Map();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text;
    while ((text = walker.nextNode())) {
      for (let i = 0; i < text.data.length; i += 1) {
        const range = document.createRange();
        range.setStart(text, i); range.setEnd(text, i + 1);
        const box = range.getBoundingClientRect();
        if (box.height === 0) { continue; }
        const key = Math.round(box.top / 4);
        lines.set(key, (lines.get(key) || 0) + 1);
      }
    }
    for (const count of lines.values()) { longest = Math.max(longest, count); }
  }
  const small = Array.from(document.querySelectorAll(selectors.text)).filter(visible)
    .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
    .map((el) => el.tagName + " " + el.textContent.trim().slice(0, 40));
  const targets = Array.from(document.querySelectorAll(selectors.targets)).filter(visible)
    .map((el) => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect().width,
      el.getBoundingClientRect().height])
    .filter(([, w, h]) => w < 44 || h < 44);
  return { type, longest, small, targets };
}"""

MODULE_SELECTORS = {
    "prose": "#rendered_cells .jp-RenderedMarkdown p:not(.coursekit-part), "
    "#rendered_cells .jp-RenderedMarkdown li",
    "text": ".coursekit-top *, .coursekit-home, .coursekit-end *, .coursekit-part, "
    "#rendered_cells .jp-RenderedMarkdown *",
    "targets": ".coursekit-top a, .coursekit-top summary, .coursekit-home, .coursekit-end a, "
    ".coursekit-fault button",
}
INDEX_SELECTORS = {
    "prose": "main p",
    "text": "body *:not(script):not(style):not(input)",
    "targets": "a, button, summary, input[type=checkbox] + label",
}


def _in_view(page: Page, selector: str) -> bool:
    box: Any = page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.top, r.bottom, innerHeight]; }",
        selector,
    )
    return bool(box[0] >= 0 and box[1] <= box[2])


def _check_page(page: Page, selectors: dict[str, str], size: float) -> None:
    """One scroll, no sideways scroll, type, line length and targets on the current page."""
    scroll = page.evaluate(SCROLLERS)
    assert scroll["scrollers"] == [], f"inner scroll boxes: {scroll['scrollers']}"
    assert not scroll["sideways"], "the page scrolls sideways"
    measured = page.evaluate(MEASURE, selectors)
    assert measured["type"], "no prose found"
    assert all(font >= size and line >= 1.5 for font, line in measured["type"]), measured["type"]
    assert measured["small"] == [], f"text under 16 px: {measured['small']}"
    assert measured["targets"] == [], f"targets under 44 x 44 px: {measured['targets']}"
    assert measured["longest"] <= 80, f"a line of {measured['longest']} characters"


def _check_snel_weg_stays(page: Page) -> None:
    """Snel weg in view in the middle, at the end, and after keyboard focus far down, and
    the focused control not under the sticky top."""
    exit_link = page.get_by_role("link", name="Snel weg")
    for where in (
        "document.scrollingElement.scrollHeight / 2",
        "document.scrollingElement.scrollHeight",
    ):
        page.evaluate(f"window.scrollTo(0, {where})")
        expect(exit_link).to_be_in_viewport(ratio=1)
        assert _in_view(page, ".coursekit-exit")
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".coursekit-end a").first.focus()
    for _ in range(6):  # back up into the closing quiz with the keyboard
        page.keyboard.press("Shift+Tab")
    expect(exit_link).to_be_in_viewport(ratio=1)
    below: Any = page.evaluate(
        "() => [document.activeElement.getBoundingClientRect().top,"
        " document.querySelector('.coursekit-top').getBoundingClientRect().bottom,"
        " document.activeElement.tagName]"
    )
    assert below[0] >= below[1], f"the focused {below[2]} is under the top: {below}"


def _fold_state(page: Page) -> str:
    """The "Hulp nodig?" summary in Chromium's accessibility tree: a disclosure button (the
    platform's toggle button) that is focusable and says whether it is expanded."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    for node in nodes:
        if node.get("name", {}).get("value") == "Hulp nodig?":
            assert node["role"]["value"] == "DisclosureTriangle", node["role"]
            states = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            assert states.get("focusable") is True
            return str(states.get("expanded"))
    pytest.fail("no 'Hulp nodig?' in the accessibility tree")


#: Under Windows high contrast and "reduce motion": borders in system colours, no smooth
#: scrolling, no transitions.
FORCED = """() => {
  const border = (s, side) => { const c = getComputedStyle(document.querySelector(s));
    return c["border" + side + "Style"] + " " + c["border" + side + "Width"]; };
  return {
    exit: border(".coursekit-exit", "Top"), top: border(".coursekit-top", "Bottom"),
    summary: border(".coursekit-helpbar summary", "Top"),
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    transition: getComputedStyle(document.querySelector(".coursekit-exit")).transitionDuration,
  };
}"""


def _open(browser: Browser, voila_url: str, width: int, height: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{voila_url}/voila/render/{MODULE}")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    expect(page.locator("#loading")).to_be_hidden()
    return page


def test_on_a_phone_one_scroll_a_folded_help_bar_and_snel_weg_in_view(
    browser: Browser, voila_url: str
) -> None:
    page = _open(browser, voila_url, 375, 740)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "layout-module-375.png"))
    top = page.locator(".coursekit-top").bounding_box()
    assert top is not None and top["height"] < 0.15 * 740, f"the help bar takes {top}"
    # 112 one tap away without opening anything; the other numbers one tap further.
    expect(page.locator(".coursekit-numbers a[href='tel:112']")).to_be_visible()
    # A <details>: Chromium announces its summary as a disclosure button with its state.
    fold = page.locator(".coursekit-helpbar summary")
    expect(fold).to_have_text("Hulp nodig?")
    expect(page.locator(".coursekit-help a[href^='tel:']").first).to_be_hidden()
    assert _fold_state(page) == "False"
    fold.click()
    expect(page.locator(".coursekit-helpbar")).to_have_attribute("open", "")
    assert _fold_state(page) == "True"
    for link in page.locator(".coursekit-help a[href^='tel:']").all():
        expect(link).to_be_visible()
    page.screenshot(path=str(SHOTS / "layout-module-375-open.png"))
    fold.click()
    expect(page.locator(".coursekit-help a[href^='tel:']").first).to_be_hidden()

    _check_page(page, MODULE_SELECTORS, 18)
    _check_snel_weg_stays(page)

    # 1280 px at 400 % zoom: 320 px wide, 256 px high. The page reflows; Snel weg stays.
    page.set_viewport_size({"width": 320, "height": 256})
    expect(page.locator(".coursekit-exit")).to_be_in_viewport(ratio=1)
    scroll = page.evaluate(SCROLLERS)
    assert scroll == {"scrollers": [], "sideways": False}, scroll
    _check_snel_weg_stays(page)
    page.close()


def test_on_a_desktop_one_scroll_a_compact_help_bar_and_a_reading_column(
    browser: Browser, voila_url: str
) -> None:
    page = _open(browser, voila_url, 1280, 800)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "layout-module-1280.png"))
    top = page.locator(".coursekit-top").bounding_box()
    assert top is not None and top["height"] <= 110, f"the help bar takes {top}"
    for link in page.locator(".coursekit-numbers a").all():
        expect(link).to_be_visible()
    _check_page(page, MODULE_SELECTORS, 18)
    _check_snel_weg_stays(page)

    # Where am I: "Deel 1 van N" as a line of text right after each section heading.
    parts: list[list[str]] = page.evaluate(
        "() => Array.from(document.querySelectorAll('#rendered_cells .jp-RenderedMarkdown h2'))"
        ".map((h) => [h.textContent, h.nextElementSibling ? h.nextElementSibling.textContent : ''])"
    )
    assert len(parts) >= 3
    assert [line for _, line in parts] == [
        f"Deel {number} van {len(parts)}" for number in range(1, len(parts) + 1)
    ]

    page.emulate_media(forced_colors="active", reduced_motion="reduce")
    forced = page.evaluate(FORCED)
    assert forced["exit"].startswith("solid") and forced["top"].startswith("solid"), forced
    assert forced["summary"].startswith("solid"), forced
    assert forced["scroll"] == "auto" and forced["transition"] == "0s", forced
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_index_and_an_error_page_are_readable_with_big_targets(
    browser: Browser, voila_url: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(voila_url + "/")
    expect(page.locator(".coursekit-modules a").first).to_be_visible()
    if width == 375:
        page.screenshot(path=str(SHOTS / "layout-index-375.png"))
    _check_page(page, INDEX_SELECTORS, 16)
    page.goto(voila_url + "/voila/render/bestaat-niet.ipynb")
    expect(page.get_by_role("link", name="Snel weg")).to_be_visible()
    _check_page(page, INDEX_SELECTORS, 16)
    page.close()
