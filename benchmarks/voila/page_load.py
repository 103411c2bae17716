"""Time to interactive in headless Chromium, and the widget models of each module page."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from benchmarks.common import comma, load1, machine_use, say
from benchmarks.voila.protocol import LearnerSession, kernel_socket, page_kernel
from benchmarks.voila.results import PageLoad, PageResult, TimeToInteractive, WidgetModels
from benchmarks.voila.servers import Server

# Records performance.now() (ms since navigation start) when the first button of the page,
# and the first button whose text is LABEL, are visible and enabled: rendered from live
# widget models, so a click goes to the kernel.
WATCH = """
(() => {
  const label = LABEL;
  const bench = (window.__bench = { first: null, tti: null });
  const usable = (b) =>
    !b.disabled && b.offsetParent !== null && b.getBoundingClientRect().width > 0;
  const check = () => {
    const buttons = document.querySelectorAll("button.jupyter-button");
    for (const b of buttons) {
      if (!usable(b)) continue;
      if (bench.first === null) bench.first = performance.now();
      if (label === null || b.textContent.trim() === label) {
        bench.tti = performance.now();
        break;
      }
    }
    if (bench.tti !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();
"""

# Records when the page opens its kernel websocket: everything before is the browser
# loading and starting Voila's JavaScript; everything after is the kernel and the widgets.
_WEBSOCKET = """
(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  function Watched(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const record = { created: performance.now(), open: null };
    window.__sockets.push(record);
    socket.addEventListener("open", () => { record.open = performance.now(); });
    return socket;
  }
  Watched.prototype = Native.prototype;
  Object.assign(Watched, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Watched;
})();
"""

_RESOURCES = """
() => {
  const entries = performance.getEntriesByType("resource");
  const nav = performance.getEntriesByType("navigation")[0];
  const js = entries.filter((e) => /\\.js(\\?|$)/.test(e.name) || e.initiatorType === "script");
  const sum = (list, key) => list.reduce((total, e) => total + (e[key] || 0), 0);
  return {
    resources: entries.length,
    js_files: js.length,
    js_bytes: sum(js, "decodedBodySize"),
    html: nav ? nav.responseEnd : 0,
    ws_open: (window.__sockets || []).map((s) => s.open).find((t) => t !== null) || 0,
    js_transfer: sum(js, "transferSize"),
    all_transfer: sum(entries, "transferSize") + (nav ? nav.transferSize : 0),
    html_bytes: nav ? nav.decodedBodySize : 0,
    dcl: nav ? nav.domContentLoadedEventEnd : 0,
    load: nav ? nav.loadEventEnd : 0,
  };
}
"""

KERNEL_ID = (
    "() => { const e = document.getElementById('jupyter-config-data');"
    " return e ? JSON.parse(e.textContent).kernelId || null : null; }"
)


def watch(label: str | None) -> str:
    """The init script that records when the control labelled ``label`` is usable."""
    return WATCH.replace("LABEL", json.dumps(label))


@dataclass(frozen=True)
class Target:
    """A page to load: where, and which control makes it interactive."""

    key: str
    name: str
    label: str
    server: Server
    url: str
    button: str | None  # the text of the control that makes the page interactive
    before: str | None = None  # a page opened first in the same browser (warm cache)


def _visit_first(context: Any, url: str, label: str | None, server: Server) -> None:
    """Open ``url`` once in ``context`` (fills the browser cache), then close its kernel."""
    page = context.new_page()
    page.add_init_script(watch(label))
    page.goto(url, wait_until="commit", timeout=90_000)
    page.wait_for_function("window.__bench && window.__bench.tti !== null", timeout=90_000)
    with contextlib.suppress(Exception):  # a page that keeps polling still counts
        page.wait_for_load_state("networkidle", timeout=10_000)
    kernel = page.evaluate(KERNEL_ID)
    page.close()
    if kernel:
        server.shutdown_kernel(kernel)
    server.settle()


def load_page(
    browser: Any,
    url: str,
    label: str | None,
    timeout_ms: float = 90_000,
    before: tuple[str, str | None, Server] | None = None,
) -> tuple[PageLoad, str | None]:
    """One page load in a fresh context, and the page's kernel id.

    With ``before``, after a first visit in the same context (warm cache).
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        # The measuring scripts are evaluated in the page; the course's CSP forbids eval.
        bypass_csp=True,
    )
    try:
        if before is not None:
            _visit_first(context, *before)
        page = context.new_page()
        requests: list[str] = []
        failed: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.add_init_script(_WEBSOCKET)
        page.add_init_script(watch(label))
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(
            "window.__bench && window.__bench.tti !== null", timeout=timeout_ms, polling=50
        )
        bench = page.evaluate("window.__bench")
        with contextlib.suppress(Exception):  # a page that keeps polling still counts
            page.wait_for_load_state("networkidle", timeout=10_000)
        res = page.evaluate(_RESOURCES)
        kernel: str | None = page.evaluate(KERNEL_ID)
        load = PageLoad(
            tti=bench["tti"],
            first_button=bench["first"],
            requests=len(requests),
            failed=len(failed),
            js_files=res["js_files"],
            js_bytes=res["js_bytes"],
            js_transfer=res["js_transfer"],
            all_transfer=res["all_transfer"],
            dcl=res["dcl"],
            load=res["load"],
            html=res["html"],
            html_bytes=res["html_bytes"],
            ws_open=res["ws_open"],
            extensions=frozenset(
                url.split("/voila/labextensions/", 1)[1].rsplit("/static/", 1)[0]
                for url in requests
                if "/voila/labextensions/" in url
            ),
            failed_urls=tuple(failed),
        )
        return load, kernel
    finally:
        context.close()


def time_to_interactive(browser: Any, targets: Sequence[Target], loads: int) -> TimeToInteractive:
    """``loads`` rounds; in each round every page once, so drift in load hits all alike."""
    results = {t.key: PageResult(t.name, t.label) for t in targets}
    for server in {t.server for t in targets}:
        server.settle()
    with machine_use() as use:
        for round_ in range(loads):
            for target in targets:
                result = results[target.key]
                before = (target.before, target.button, target.server) if target.before else None
                try:
                    page, kernel = load_page(browser, target.url, target.button, before=before)
                except Exception as error:
                    result.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
                    say(f"  {target.name}: FOUT {result.errors[-1]}")
                    continue
                result.loads.append(page)
                result.failed_hosts.update(
                    urllib.parse.urlsplit(u).hostname or u for u in page.failed_urls
                )
                if kernel:
                    target.server.shutdown_kernel(kernel)
                target.server.settle()
            say(
                f"  ronde {round_ + 1}/{loads}: "
                + ", ".join(f"{k} {r.loads[-1].tti:.0f}" for k, r in results.items() if r.loads)
                + f" ms (loadavg {comma(load1())})"
            )
    return TimeToInteractive(pages=results, use=use)


async def _widget_models(server: Server, name: str) -> WidgetModels:
    """The widget models of a fresh module page, as the frontend fetches them."""
    async with httpx.AsyncClient(timeout=120) as client:
        response = await client.get(f"{server.url}/voila/render/{name}")
    kernel = page_kernel(response.status_code, response.text)
    cookie = "; ".join(f"{name}={value}" for name, value in response.cookies.items())
    async with kernel_socket(server.url, kernel, cookie, 60) as websocket:
        session = LearnerSession(websocket)
        reader = asyncio.create_task(session.reader())
        states = await session.request_states(60)
        reader.cancel()
    server.shutdown_kernel(kernel)
    layouts = sum(1 for m in states.values() if m.get("model_name") == "LayoutModel")
    styles = sum(1 for m in states.values() if m.get("model_name", "").endswith("StyleModel"))
    return WidgetModels(
        models=len(states),
        widgets=len(states) - layouts - styles,
        kib=len(json.dumps(states)) / 1024,
    )


def widget_models(server: Server, modules: Sequence[str]) -> dict[str, WidgetModels]:
    """Per module page; in a thread of its own (Playwright's loop runs in this one)."""

    def count() -> dict[str, WidgetModels]:
        counts = {}
        for name in modules:
            counts[name] = asyncio.run(_widget_models(server, name))
            server.settle()
        return counts

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(count).result()
