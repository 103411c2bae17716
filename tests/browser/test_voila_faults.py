"""A module page says in Dutch when its connection drops, comes back, or is gone for good.

Real Voila (the session's server), real kernels, real Chromium. The page's kernel websocket
is cut with Playwright's ``route_web_socket`` (taking the page offline does not close an
open websocket): while the route refuses new sockets, JupyterLab's KernelConnection keeps
trying, and the page must say so; when the route lets them through again, it reconnects.
A kernel is killed by its process id, or shut down through the server's API between the
page and its scripts (the culler's race of issue 16); a websocket that is held open
without ever answering stands for a kernel (or a network) so slow that the widgets never
arrive. The widget wait is 30 s on the site; the tests say 1 s (window.coursekitWidgetWait,
which the template reads).
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Browser, Page, Route, WebSocketRoute, expect

from tests.support.axe import module_violations
from tests.support.kernel_socket import kill_page_kernel

pytestmark = pytest.mark.browser
MODULE = "00-welkom.ipynb"  # the lightest module with widgets
CHANNELS = re.compile(r"/api/kernels/[^/?]+/channels")
DROPPED = "De verbinding met de website is weg. De pagina probeert opnieuw verbinding te maken."
BACK = "De verbinding is er weer."
GONE = "Laad de pagina opnieuw om verder te gaan. Je antwoorden op deze pagina zijn dan weg."
SLOW = "Een deel van deze pagina is nog niet geladen."
FEEDBACK = re.compile("[✔✘]")
SHORT_WAIT = "window.coursekitWidgetWait = 1;"


class Sockets:
    """Routes the page's kernel websockets: through to Voila, or refused while ``cut``,
    or held open without an answer while ``hold``."""

    def __init__(self) -> None:
        self.cut = False
        self.hold = False
        self.open: list[WebSocketRoute] = []

    def route(self, ws: WebSocketRoute) -> None:
        if self.cut:
            ws.close(code=1011)  # before it opens: the page sees a failed connection
        elif not self.hold:  # held: Playwright opens it and nothing ever answers
            ws.connect_to_server()
            self.open.append(ws)


def _open(page: Page, url: str) -> None:
    page.goto(f"{url}/voila/render/{MODULE}")


def _quiz(page: Page) -> None:
    """The first statement's buttons are there: the widgets came over the websocket."""
    expect(page.get_by_role("button", name="Helpt", exact=True).first).to_be_visible()


def _answer(page: Page) -> None:
    """Answer the first statement and see the kernel's feedback: the connection works."""
    page.get_by_role("button", name="Helpt", exact=True).first.click()
    expect(page.get_by_text(FEEDBACK).first).to_be_visible()


def test_a_dropped_connection_is_said_in_dutch_and_cleared_when_it_comes_back(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page()
    sockets = Sockets()
    page.route_web_socket(CHANNELS, sockets.route)
    _open(page, voila_url)
    _quiz(page)
    region = page.locator("#coursekit-fault-status")
    # The assertive live region is on the page from the start, empty, so its news is announced.
    expect(region).to_have_attribute("role", "alert")
    expect(region).to_have_text("")
    expect(page.get_by_role("button", name="Pagina opnieuw laden")).to_be_hidden()

    sockets.cut = True
    sockets.open[-1].close()
    expect(region).to_have_text(DROPPED)
    expect(page.get_by_role("button", name="Pagina opnieuw laden")).to_be_visible()

    sockets.cut = False  # KernelConnection's next try gets through
    # Its tries back off (a random wait of up to 1, 3, 7, 15 s): allow for a busy machine.
    expect(region).to_contain_text(BACK, timeout=40_000)
    expect(page.get_by_role("button", name="Pagina opnieuw laden")).to_be_hidden()
    expect(region).to_have_text("")
    _answer(page)
    page.close()


def test_a_killed_kernel_asks_for_a_reload_and_says_what_is_lost(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 667})
    _open(page, voila_url)
    _quiz(page)
    kill_page_kernel(page)

    region = page.locator("#coursekit-fault-status")
    expect(region).to_contain_text(GONE)
    # The widgets of the lost kernel: no red broken-link icon beside the Dutch message.
    broken = page.locator(".jupyter-widgets-disconnected").first
    expect(broken).to_be_attached()
    assert broken.evaluate("el => getComputedStyle(el, '::before').content") == "none"
    reload = page.get_by_role("button", name="Pagina opnieuw laden")
    # On a phone's width: the message, the button, Snel weg and 112 in view (the top).
    expect(region).to_be_in_viewport()
    expect(reload).to_be_in_viewport()
    expect(page.get_by_role("link", name="Snel weg")).to_be_in_viewport()
    expect(page.locator(".coursekit-numbers a[href='tel:112']")).to_be_in_viewport()
    # The button can be reached with Tab (it comes right after the top of the page).
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "coursekit-reload":
            break
    else:
        pytest.fail("Tab never reaches 'Pagina opnieuw laden'")
    assert module_violations(page) == []

    page.set_viewport_size({"width": 375, "height": 667})
    page.keyboard.press("Enter")  # the focused button: a new page with a new kernel
    _quiz(page)
    expect(region).to_have_text("")
    _answer(page)
    page.close()


def test_widgets_that_never_arrive_get_a_dutch_message_and_no_english_placeholder(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page()
    page.add_init_script(SHORT_WAIT)
    sockets = Sockets()
    sockets.hold = True
    page.route_web_socket(CHANNELS, sockets.route)
    _open(page, voila_url)
    region = page.locator("#coursekit-fault-status")
    expect(region).to_contain_text(SLOW)
    expect(page.get_by_role("button", name="Pagina opnieuw laden")).to_be_visible()
    expect(page.locator(".coursekit-waiting").first).to_have_text("Dit deel wordt geladen…")
    assert "Loading widget" not in page.locator("body").inner_text()

    sockets.hold = False
    page.get_by_role("button", name="Pagina opnieuw laden").click()
    _quiz(page)
    expect(region).to_have_text("")
    page.close()


def test_a_kernel_shut_down_before_the_page_starts_asks_for_a_reload(
    browser: Browser, voila_url: str
) -> None:
    """The culler's race: the page arrives, its kernel is gone before the scripts connect.
    JupyterLab then shows each widget's Python repr; the page shows Dutch instead."""
    page = browser.new_page()
    page.add_init_script(SHORT_WAIT)
    shut: list[str] = []

    def shut_down_first(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        found = re.search(r'"kernelId": "([0-9a-f-]+)"', body)
        if found and not shut:
            owner = response.headers["set-cookie"].split(";", 1)[0]  # the page's cookie
            request = urllib.request.Request(
                f"{voila_url}/api/kernels/{found.group(1)}",
                method="DELETE",
                headers={"Cookie": f"{owner}; _xsrf=t", "X-XSRFToken": "t"},
            )
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert answer.status == 204
            shut.append(found.group(1))
        route.fulfill(response=response, body=body)

    page.route(f"**/voila/render/{MODULE}", shut_down_first)
    _open(page, voila_url)
    expect(page.locator("#coursekit-fault-status")).to_contain_text(GONE)
    assert shut
    expect(page.locator(".coursekit-waiting").first).to_have_text("Dit deel wordt geladen…")
    body = page.locator("body").inner_text()
    assert "Loading widget" not in body and "children=" not in body, body[-800:]
    page.close()
