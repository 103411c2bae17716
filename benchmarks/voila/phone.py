"""A phone network: Chromium's network and CPU emulation, the requests a page makes, its bytes.

Everything goes through Chromium's DevTools protocol (CDP), on a session per page:
``Network.emulateNetworkConditions`` and ``Emulation.setCPUThrottlingRate`` for the phone,
and the ``Network`` events for each request (type, status, bytes over the wire and decoded,
from the cache or not) and the websocket frames.

- ``phone_network``: time to the first usable quiz button on the emulated phone for stock's
  bare page, our module on a first visit (empty cache) and a second module after it (the
  same page follows a link, so the cache is warm), in rounds.
- ``request_needs``: the module page's requests, each blocked once in a fresh context (no
  emulation): does the first quiz button still become usable, are there page errors, does
  the layout change? A table for deciding what a course page can do without.
- ``module_bytes``: per module, the bytes of a first visit and of a later one.
"""

from __future__ import annotations

import base64
import contextlib
import re
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.common import comma, load1, machine_use, say
from benchmarks.voila.page_load import _WEBSOCKET, KERNEL_ID, watch
from benchmarks.voila.protocol import HELPFUL
from benchmarks.voila.results import (
    ModuleBytes,
    PhoneLoad,
    PhoneProfile,
    PhoneResults,
    Request,
    RequestNeed,
)
from benchmarks.voila.servers import Server

READY = "window.__bench && window.__bench.tti !== null"
PHONE_TIMEOUT_MS = 240_000

# The size of the first quiz button and of the page: the same without a request means the
# request did not change the layout (a missing stylesheet or font usually does).
_LAYOUT = """
() => {
  const b = [...document.querySelectorAll("button.jupyter-button")].find(
    (x) => x.offsetParent !== null && !x.disabled && x.textContent.trim() === LABEL);
  const r = b ? b.getBoundingClientRect() : { width: 0, height: 0 };
  return [Math.round(r.width), Math.round(r.height),
          Math.round(document.documentElement.scrollHeight)];
}
"""


class Recorder:
    """Collects a page's requests and websocket bytes from CDP Network events."""

    def __init__(self, cdp: Any, origin: str) -> None:
        self.origin = origin
        self.requests: dict[str, Request] = {}
        self.ws_received = 0
        self.ws_sent = 0
        self.ws_messages_sent = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.webSocketFrameReceived", self._frame_in)
        cdp.on("Network.webSocketFrameSent", self._frame_out)
        cdp.send("Network.enable")

    def reset(self) -> None:
        self.requests = {}
        self.ws_received = self.ws_sent = self.ws_messages_sent = 0

    def _path(self, url: str) -> str:
        if url.startswith(self.origin):
            return url[len(self.origin) :] or "/"
        return url

    def _sent(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if url.startswith("data:"):
            return
        self.requests[event["requestId"]] = Request(
            url=self._path(url), type=str(event.get("type", "Other"))
        )

    def _response(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            response = event["response"]
            request.status = int(response.get("status", 0))
            if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                request.cached = True

    def _data(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.decoded += int(event.get("dataLength", 0))

    def _finished(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.encoded = 0 if request.cached else int(event.get("encodedDataLength", 0))

    def _failed(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.failed = True

    def _cached(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.cached = True

    @staticmethod
    def _size(frame: dict[str, Any]) -> int:
        payload = str(frame.get("payloadData", ""))
        if frame.get("opcode") == 2:  # binary, base64 in CDP
            with contextlib.suppress(ValueError):
                return len(base64.b64decode(payload))
        return len(payload.encode("utf-8"))

    def _frame_in(self, event: dict[str, Any]) -> None:
        self.ws_received += self._size(event["response"])

    def _frame_out(self, event: dict[str, Any]) -> None:
        self.ws_sent += self._size(event["response"])
        self.ws_messages_sent += 1

    def done(self) -> list[Request]:
        """The page's requests, without the websocket (its frames are counted apart)."""
        return [r for r in self.requests.values() if r.type != "WebSocket"]


def emulate_phone(cdp: Any, profile: PhoneProfile) -> None:
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": profile.latency_ms,
            "downloadThroughput": profile.down_kbit * 1000 / 8,
            "uploadThroughput": profile.up_kbit * 1000 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})


def _new_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": 375, "height": 812},  # a phone, as some volunteers use
        # The measuring scripts are evaluated in the page; the course's CSP forbids eval.
        bypass_csp=True,
    )
    page = context.new_page()
    page.add_init_script(_WEBSOCKET)
    return context, page


def _visit(page: Any, recorder: Recorder, url: str, label: str | None, timeout: float) -> PhoneLoad:
    """Navigate ``page`` to ``url`` and wait until the control ``label`` is usable."""
    recorder.reset()
    page.goto(url, wait_until="commit", timeout=timeout)
    page.wait_for_function(READY, timeout=timeout, polling=50)
    bench = page.evaluate("window.__bench")
    with contextlib.suppress(Exception):  # a page that keeps polling still counts
        page.wait_for_load_state("networkidle", timeout=15_000)
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n ? n.responseEnd : 0,"
        " ((window.__sockets || []).map((s) => s.open).find((t) => t !== null)) || 0]; }"
    )
    return PhoneLoad(
        tti=float(bench["tti"]),
        html=float(timing[0]),
        ws_open=float(timing[1]),
        requests=recorder.done(),
        ws_received=recorder.ws_received,
        ws_sent=recorder.ws_sent,
        ws_messages_sent=recorder.ws_messages_sent,
    )


def _close_kernel(page: Any, server: Server) -> None:
    with contextlib.suppress(Exception):
        kernel = page.evaluate(KERNEL_ID)
        if kernel:
            server.shutdown_kernel(kernel)


def phone_network(
    browser: Any,
    stock: Server,
    modules: Server,
    first: str,
    second: str,
    loads: int,
    profile: PhoneProfile,
) -> PhoneResults:
    """``loads`` rounds: stock's bare page, then ``first`` and ``second`` in one context."""
    results: dict[str, list[PhoneLoad]] = {
        "stock-bare": [],
        "module-first": [],
        "module-second": [],
    }
    errors: dict[str, list[str]] = {key: [] for key in results}
    module_url = f"{modules.url}/voila/render/{{}}"
    with machine_use() as use:
        for round_ in range(loads):
            plan: list[tuple[str, list[tuple[str, str, str | None, Server]]]] = [
                ("stock", [("stock-bare", f"{stock.url}/", None, stock)]),
                (
                    "modules",
                    [
                        ("module-first", module_url.format(first), HELPFUL, modules),
                        ("module-second", module_url.format(second), HELPFUL, modules),
                    ],
                ),
            ]
            for _name, visits in plan:
                context, page = _new_page(browser)
                try:
                    cdp = context.new_cdp_session(page)
                    recorder = Recorder(cdp, visits[0][3].url)
                    emulate_phone(cdp, profile)
                    for key, url, label, server in visits:
                        page.add_init_script(watch(label))
                        try:
                            results[key].append(
                                _visit(page, recorder, url, label, PHONE_TIMEOUT_MS)
                            )
                        except Exception as error:
                            errors[key].append(f"{type(error).__name__}: {str(error)[:200]}")
                            say(f"  {key}: FOUT {errors[key][-1]}")
                            break
                        finally:
                            _close_kernel(page, server)
                finally:
                    context.close()
                for server in {v[3] for v in visits}:
                    server.settle()
            say(
                f"  telefoon, ronde {round_ + 1}/{loads}: "
                + ", ".join(f"{k} {v[-1].tti / 1000:.1f} s" for k, v in results.items() if v)
                + f" (loadavg {comma(load1())})"
            )
    return PhoneResults(
        profile=profile,
        loads=results,
        first_module=first,
        second_module=second,
        use=use,
        errors=errors,
    )


def _fresh_load(
    browser: Any, server: Server, url: str, block: str | None = None, timeout: float = 90_000
) -> tuple[PhoneLoad | None, list[int], int]:
    """A fresh context without emulation; ``block``: a path answered with a network error."""
    context, page = _new_page(browser)
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp, server.url)
        if block is not None:
            target = shape(server.url + block)
            page.route(lambda u: shape(u) == target, lambda route: route.abort())
        page.add_init_script(watch(HELPFUL))
        try:
            load = _visit(page, recorder, url, HELPFUL, timeout)
            layout = page.evaluate(_LAYOUT.replace("LABEL", f'"{HELPFUL}"'))
        except Exception:
            return None, [], len(page_errors)
        finally:
            _close_kernel(page, server)
        return load, layout, len(page_errors)
    finally:
        context.close()
        server.settle()


def request_needs(
    browser: Any,
    server: Server,
    module: str,
    which: str,
    progress: Callable[[str], None] = say,
) -> list[RequestNeed]:
    """Block each request of ``module``'s page once; ``which``: all, other (not scripts)."""
    url = f"{server.url}/voila/render/{module}"
    base, layout, errors = _fresh_load(browser, server, url)
    if base is None:
        raise SystemExit(f"{module}: de pagina werkt zelfs zonder blokkeren niet")
    deadline = max(15_000.0, 4 * base.tti)
    needs: list[RequestNeed] = []
    seen: set[str] = set()
    for request in base.requests:
        if shape(request.url) in seen:
            continue
        seen.add(shape(request.url))
        need = RequestNeed(
            url=shape(request.url),
            type=request.type,
            encoded=request.encoded,
            decoded=request.decoded,
            works=True,
        )
        needs.append(need)
        if request.type == "Document":
            need.works, need.note = False, "de pagina zelf"
            continue
        if which == "none" or (which == "other" and request.type == "Script"):
            need.works, need.note = False, "niet geprobeerd"
            continue
        load, blocked_layout, page_errors = _fresh_load(browser, server, url, request.url, deadline)
        need.works = load is not None
        need.page_errors = max(0, page_errors - errors)
        need.same_layout = load is not None and blocked_layout == layout
        if load is None:
            need.note = f"geen bruikbare knop binnen {deadline / 1000:.0f} s"
        progress(
            f"  zonder {_short(request.url)}: "
            + ("werkt" if need.works else "werkt NIET")
            + ("" if need.same_layout or not need.works else ", andere opmaak")
        )
    return needs


def shape(url: str) -> str:
    """A URL without what changes from page to page (the kernel id, a cache-busting number),
    so that blocking a request of one page blocks the same request of the next."""
    url = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", url)
    return re.sub(r"([?&](?:[^=&]*=)?)\d{6,}(?=&|$)", r"\1N", url)


def _short(url: str, width: int = 70) -> str:
    path = urllib.parse.unquote(url)
    return path if len(path) <= width else "…" + path[-(width - 1) :]


def module_bytes(browser: Any, server: Server, modules: Sequence[str]) -> list[ModuleBytes]:
    """Per module: a first visit (fresh context), and a later visit in one context that
    walks through all modules in order (and back to the first), so each is after another."""
    module_url = f"{server.url}/voila/render/{{}}"
    first: dict[str, PhoneLoad] = {}
    later: dict[str, PhoneLoad] = {}
    for name in modules:
        context, page = _new_page(browser)
        try:
            recorder = Recorder(context.new_cdp_session(page), server.url)
            page.add_init_script(watch(HELPFUL))
            try:
                first[name] = _visit(page, recorder, module_url.format(name), HELPFUL, 90_000)
            finally:
                _close_kernel(page, server)
        finally:
            context.close()
        server.settle()
    context, page = _new_page(browser)
    try:
        recorder = Recorder(context.new_cdp_session(page), server.url)
        page.add_init_script(watch(HELPFUL))
        for index, name in enumerate([*modules, modules[0]]):
            try:
                load = _visit(page, recorder, module_url.format(name), HELPFUL, 90_000)
            finally:
                _close_kernel(page, server)
                server.settle()
            if index > 0:
                later[name] = load
    finally:
        context.close()
    say(
        "  bytes per module (KiB, eerste/later bezoek): "
        + ", ".join(
            f"{n[:2]} {first[n].encoded // 1024}/{later[n].encoded // 1024}" for n in modules
        )
    )
    return [
        ModuleBytes(
            module=name,
            first=first[name].encoded,
            first_requests=len(first[name].requests),
            later=later[name].encoded,
            later_requests=later[name].from_network,
            ws_received=first[name].ws_received,
            later_ws_received=later[name].ws_received,
        )
        for name in modules
    ]
