"""Benchmark: the course's Voila pages - first page, click to feedback, and many learners.

One run on this machine, on servers it starts itself on free loopback ports:

1. Time to interactive in headless Chromium: from navigation start until the first quiz
   control is usable (the first "Helpt" button on a module page, the button of a bare
   page), median of N fresh page loads (a new browser context each, so an empty cache) for
   (a) a bare page with one ipywidgets Button, served with OUR settings (the repository's
   voila.json and voila.py, the coursekit template, a preheated kernel), (b) every module
   page, and (c) the same bare page on a STOCK Voila server (``voila bare.ipynb``, no
   voila.json, default template, no preheated kernel). Also the requests and the bytes of
   JavaScript of each page. Between two loads the benchmark shuts the page's kernel down
   and waits until the refilled kernel pool is idle, so every load of our pages gets a
   preheated kernel, as a learner on a quiet server does.
2. Click to feedback in the browser, on module 5: click "Helpt" or "Helpt niet" and time
   (performance.now() in the page, a MutationObserver) until the feedback text is in the
   page; "Volgende" between items; 20 items (recap, statement sort, mastery), median, p95.
3. A load test without a browser: N simulated learners, each GETs module 5, opens its
   kernel's websocket, reads the widget state (``request_states`` on the
   ``jupyter.widget.control`` comm, as the ipywidgets frontend does) and answers 20 items
   of the statement sorts with comm_msg clicks, exactly as a Button view sends them,
   timing each click until the feedback HTML widget's update arrives. The learners arrive
   spread over ``--ramp`` seconds, wait until everyone's page is there, and then click with
   a think time between actions. Reports p50/p95, errors, memory (RSS and PSS of the
   ipykernel children of the server, from /proc) and CPU seconds per click. Two more runs:
   everyone at once (``--burst``), and a baseline without TCP_NODELAY (``--nagle``): our
   settings with the ``send_without_delay()`` call taken out of a copy of voila.py, so the
   generated text can say what that setting gains in the same run.
4. Targets: ratio module/bare <= 1.10; our bare/stock <= 0.7; click p50 <= 80 ms; 50
   learners: p95 <= 300 ms, no errors, <= 70 MB per learner.

``--write-docs`` writes the result, in Dutch, to a section of ``docs/performance.md``.

    .venv/bin/python benchmarks/voila.py [--quick] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    MB,
    TICK,
    busy_jiffies,
    comma,
    cpu_seconds,
    isolated_jupyter,
    load1,
    machine_use,
    pss_bytes,
    rss_bytes,
    say,
    stat_fields,
)
from common import machine as common_machine  # noqa: E402
from performance_doc import DOCS, write_section  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BIN = Path(sys.executable).parent
MODULES = sorted(p.name for p in (ROOT / "modules").glob("*.ipynb"))
LOAD_MODULE = "05-wat-niet-helpt.ipynb"
HELPFUL, HARMFUL, NEXT = "Helpt", "Helpt niet", "Volgende"
SECTION = "## Voila: eerste pagina, klik tot feedback en belasting"
BARE_SOURCE = 'import ipywidgets as widgets\n\nwidgets.Button(description="Klik")'
TARGET_MODULE_RATIO = 1.10
TARGET_STOCK_RATIO = 0.7
TARGET_CLICK_P50 = 80.0  # ms
TARGET_LOAD_P95 = 300.0  # ms, at TARGET_LEARNERS
TARGET_LEARNERS = 50
TARGET_MB_PER_LEARNER = 70.0


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (p95 of 20 values is the 19th)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def kernels_of(server_pid: int) -> dict[str, int]:
    """kernel id -> pid of every ipykernel the server ``server_pid`` has started."""
    found: dict[str, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        fields = stat_fields(int(proc.name))
        if not fields or int(fields[1]) != server_pid:
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        match = re.search(r"kernel-([0-9a-f-]{36})\.json", cmdline)
        if "ipykernel" in cmdline and match:
            found[match.group(1)] = int(proc.name)
    return found


def wait_until_quiet(max_wait: float, threshold: float = 0.6) -> float:
    """Wait (at most ``max_wait`` s) until other processes use less than ``threshold`` cores.

    Returns how many cores were busy in the last 5-second window.
    """
    deadline = time.monotonic() + max_wait
    while True:
        busy = busy_jiffies()
        time.sleep(5)
        cores = (busy_jiffies() - busy) / TICK / 5
        if cores < threshold or time.monotonic() >= deadline:
            return cores
        say(f"  de machine is bezet ({comma(cores, 1)} kernen, loadavg {comma(load1())}): wachten")


def machine() -> dict[str, str]:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    packages = {name: version(name) for name in ("voila", "ipywidgets", "ipykernel")}
    return common_machine({**packages, "Chromium": chromium.stdout.strip() or "?"})


# -- Servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A Voila server on a free loopback port; ``stop`` ends it and the kernels it started."""

    def __init__(self, name: str, args: Sequence[str], cwd: Path, log: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [str(BIN / "voila"), *args, f"--port={self.port}", "--no-browser"],
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=5).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"{name}: voila start niet:\n{log.read_text()}") from None
                time.sleep(0.3)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kernels(self) -> dict[str, int]:
        return kernels_of(self.pid)

    def own_cpu(self) -> float:
        """CPU seconds of the server and its living kernels."""
        return cpu_seconds(self.pid) + sum(cpu_seconds(p) for p in self.kernels().values())

    def settle(self, timeout: float = 90.0) -> None:
        """Wait until the server and its kernels are idle (a refilled pool has rendered)."""
        deadline = time.monotonic() + timeout
        last = self.own_cpu()
        quiet = 0
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.own_cpu()
            quiet = quiet + 1 if now - last < 0.03 else 0
            last = now
            if quiet >= 2:
                return

    def shutdown_kernel(self, kernel_id: str) -> None:
        """Shut a page's kernel down through the API (a closed tab does not, voila#1458)."""
        jar = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(jar)
        try:
            opener.open(self.url + "/", timeout=10).close()  # the tree page sets _xsrf
            token = next((c.value for c in jar.cookiejar if c.name == "_xsrf"), "")
            request = urllib.request.Request(
                f"{self.url}/api/kernels/{kernel_id}",
                method="DELETE",
                headers={"X-XSRFToken": token},
            )
            opener.open(request, timeout=30).close()
        except (OSError, urllib.error.HTTPError):
            pass  # a single-notebook server has no tree page; its kernels stay until stop

    def stop(self) -> None:
        kernels = list(self.kernels().values())
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in kernels:  # only kernels this server started, by pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


def bare_notebook(folder: Path) -> Path:
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(BARE_SOURCE)]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "bare.ipynb"
    nbformat.write(notebook, path)
    return path


# -- 1. Time to interactive in Chromium -------------------------------------------------------

# Records performance.now() (ms since navigation start) when the first button of the page,
# and the first button whose text is LABEL, are visible and enabled: rendered from live
# widget models, so a click goes to the kernel.
_WATCH = """
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


@dataclass
class PageLoad:
    tti: float  # ms, first "Helpt" (module) or the button (bare) usable
    first_button: float  # ms, first button of any kind usable
    requests: int  # HTTP requests the browser made (document included)
    failed: int  # of which failed (e.g. a CDN that cannot be reached)
    js_files: int
    js_bytes: int  # decoded
    js_transfer: int  # over the wire
    all_transfer: int
    dcl: float
    load: float
    html: float  # ms until the whole HTML document was in
    html_bytes: int  # the HTML document, decoded
    ws_open: float  # ms until the kernel websocket was open
    extensions: frozenset[str] = frozenset()  # the JupyterLab extensions the page loaded


@dataclass
class PageResult:
    name: str
    label: str  # how the docs call it
    loads: list[PageLoad] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_hosts: set[str] = field(default_factory=set)

    def tti(self) -> float:
        return median([x.tti for x in self.loads])

    def stat(self, key: str) -> float:
        return median([getattr(x, key) for x in self.loads])

    def extensions(self) -> set[str]:
        return {name for x in self.loads for name in x.extensions}


def _visit_first(context: Any, url: str, label: str | None, server: Server) -> None:
    """Open ``url`` once in ``context`` (fills the browser cache), then close its kernel."""
    page = context.new_page()
    page.add_init_script(_WATCH.replace("LABEL", json.dumps(label)))
    page.goto(url, wait_until="commit", timeout=90_000)
    page.wait_for_function("window.__bench && window.__bench.tti !== null", timeout=90_000)
    with contextlib.suppress(Exception):  # a page that keeps polling still counts
        page.wait_for_load_state("networkidle", timeout=10_000)
    kernel = page.evaluate(
        "() => { const e = document.getElementById('jupyter-config-data');"
        " return e ? JSON.parse(e.textContent).kernelId || null : null; }"
    )
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
) -> PageLoad:
    """One page load in a fresh context; with ``before``, after a first visit (warm cache)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        if before is not None:
            _visit_first(context, *before)
        page = context.new_page()
        requests: list[str] = []
        failed: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.add_init_script(_WEBSOCKET)
        page.add_init_script(_WATCH.replace("LABEL", json.dumps(label)))
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(
            "window.__bench && window.__bench.tti !== null", timeout=timeout_ms, polling=50
        )
        bench = page.evaluate("window.__bench")
        with contextlib.suppress(Exception):  # a page that keeps polling still counts
            page.wait_for_load_state("networkidle", timeout=10_000)
        res = page.evaluate(_RESOURCES)
        kernel = page.evaluate(
            "() => { const e = document.getElementById('jupyter-config-data');"
            " return e ? JSON.parse(e.textContent).kernelId || null : null; }"
        )
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
        )
        load.kernel_id = kernel  # type: ignore[attr-defined]
        load.failed_urls = failed  # type: ignore[attr-defined]
        return load
    finally:
        context.close()


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    label: str
    server: Server
    url: str
    button: str | None  # the text of the control that makes the page interactive
    before: str | None = None  # a page opened first in the same browser (warm cache)


def time_to_interactive(browser: Any, targets: Sequence[Target], loads: int) -> dict[str, Any]:
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
                    page = load_page(browser, target.url, target.button, before=before)
                except Exception as error:
                    result.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
                    say(f"  {target.name}: FOUT {result.errors[-1]}")
                    continue
                result.loads.append(page)
                result.failed_hosts.update(
                    urllib.parse.urlsplit(u).hostname or u for u in getattr(page, "failed_urls", [])
                )
                kernel = getattr(page, "kernel_id", None)
                if kernel:
                    target.server.shutdown_kernel(kernel)
                target.server.settle()
            say(
                f"  ronde {round_ + 1}/{loads}: "
                + ", ".join(f"{k} {r.loads[-1].tti:.0f}" for k, r in results.items() if r.loads)
                + f" ms (loadavg {comma(load1())})"
            )
    return {"pages": results, "use": use}


async def _widget_models(server: Server, name: str) -> dict[str, float]:
    """The widget models of a fresh module page, as the frontend fetches them."""
    import httpx
    from websockets.asyncio.client import connect

    async with httpx.AsyncClient(timeout=120) as client:
        response = await client.get(f"{server.url}/voila/render/{name}")
    kernel = re.findall(r'"kernelId": "([0-9a-f-]+)"', response.text)[0]
    url = server.url.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels"
    async with connect(url, origin=server.url, max_size=None) as websocket:
        session = LearnerSession(websocket)
        reader = asyncio.create_task(session.reader())
        states = await session.request_states(60)
        reader.cancel()
    server.shutdown_kernel(kernel)
    layouts = sum(1 for m in states.values() if m.get("model_name") == "LayoutModel")
    styles = sum(1 for m in states.values() if m.get("model_name", "").endswith("StyleModel"))
    return {
        "models": len(states),
        "widgets": len(states) - layouts - styles,
        "kib": len(json.dumps(states)) / 1024,
    }


def widget_models(server: Server) -> dict[str, dict[str, float]]:
    """Per module page; in a thread of its own (Playwright's loop runs in this one)."""

    def count() -> dict[str, dict[str, float]]:
        counts = {}
        for name in MODULES:
            counts[name] = asyncio.run(_widget_models(server, name))
            server.settle()
        return counts

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(count).result()


# -- 2. Click to feedback in the browser ------------------------------------------------------

# Click an answer of the statement sort that still has an open item, and time until its
# feedback (the HTML widget right after the buttons) has text; then "Volgende".
_CLICK = """
async (label) => {
  const quizzes = [...document.querySelectorAll(".coursekit-statementsort")];
  const open = (q) => [...q.querySelectorAll(".widget-hbox button")].some(
    (b) => b.textContent.trim() === HELPFUL_LABEL && !b.disabled && b.offsetParent !== null);
  const quiz = quizzes.find(open);
  if (!quiz) return null;
  const button = [...quiz.querySelectorAll(".widget-hbox button")].find(
    (b) => b.textContent.trim() === label);
  const feedback = button.closest(".widget-hbox").nextElementSibling;
  const result = await new Promise((resolve) => {
    let t0 = 0;
    const timer = setTimeout(() => resolve(null), 30000);
    const observer = new MutationObserver(() => {
      if (!feedback.textContent.trim()) return;
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
    });
    observer.observe(feedback, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    button.click();
  });
  if (result === null) return { timeout: true };
  const next = [...quiz.querySelectorAll("button")].find(
    (b) => b.textContent.trim() === NEXT_LABEL && b.offsetParent !== null);
  if (next) {
    const t1 = performance.now();
    next.click();
    await new Promise((resolve) => {
      const check = () => (feedback.textContent.trim() === "" ? resolve() : setTimeout(check, 5));
      check();
    });
    result.next = performance.now() - t1;
  }
  return result;
}
""".replace("HELPFUL_LABEL", json.dumps(HELPFUL)).replace("NEXT_LABEL", json.dumps(NEXT))


def click_latency(browser: Any, server: Server, clicks: int) -> dict[str, Any]:
    """``clicks`` answers over fresh items of module 5, in fresh pages while items last."""
    samples: list[dict[str, float]] = []
    errors = 0
    pages = 0
    rng = random.Random(20261126)
    url = f"{server.url}/voila/render/{LOAD_MODULE}"
    server.settle()
    with machine_use() as use:
        while len(samples) < clicks and pages < 5:
            pages += 1
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                page.add_init_script(_WATCH.replace("LABEL", json.dumps(HELPFUL)))
                page.goto(url, wait_until="commit", timeout=90_000)
                page.wait_for_function(
                    "window.__bench && window.__bench.tti !== null", timeout=90_000
                )
                page.wait_for_timeout(1000)  # let the rest of the page's widgets render
                kernel = page.evaluate(
                    "() => JSON.parse(document.getElementById('jupyter-config-data')"
                    ".textContent).kernelId"
                )
                while len(samples) < clicks:
                    page.wait_for_timeout(300 + rng.random() * 400)  # a short think time
                    result = page.evaluate(_CLICK, rng.choice([HELPFUL, HARMFUL]))
                    if result is None:
                        break  # no open statement left on this page
                    if result.get("timeout"):
                        errors += 1
                        continue
                    samples.append(result)
            finally:
                context.close()
            server.shutdown_kernel(kernel)
            server.settle()
    return {"samples": samples, "errors": errors, "pages": pages, "use": use}


# -- 3. The load test over the kernel protocol -------------------------------------------------


def _message(session: str, msg_type: str, content: dict[str, Any], **metadata: Any) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "cursist",
                "date": dt.datetime.now(dt.UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata,
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


@dataclass
class Quiz:
    """A statement sort in the widget state: its buttons and its feedback widget."""

    helpful: str
    harmful: str
    next: str
    feedback: str
    progress: str
    items: int


def find_quizzes(states: dict[str, Any]) -> list[Quiz]:
    """Every statement sort, in page order, from the widget state of a module page."""

    def ref(value: str) -> str:
        return value.removeprefix("IPY_MODEL_")

    def button(model_id: str) -> str | None:
        model = states.get(model_id, {})
        if model.get("model_name") != "ButtonModel":
            return None
        return model["state"].get("description")

    quizzes: list[Quiz] = []
    for model in states.values():
        if model.get("model_name") != "VBoxModel":
            continue
        children = [ref(c) for c in model["state"].get("children", [])]
        for index, child in enumerate(children):
            if states.get(child, {}).get("model_name") != "HBoxModel":
                continue
            buttons = {button(ref(b)): ref(b) for b in states[child]["state"].get("children", [])}
            if HELPFUL in buttons and HARMFUL in buttons and index + 2 < len(children):
                progress = states.get(children[2], {}).get("state", {}).get("value", "")
                total = re.search(r"van (\d+)", progress)
                quizzes.append(
                    Quiz(
                        helpful=buttons[HELPFUL],
                        harmful=buttons[HARMFUL],
                        next=children[index + 2],
                        feedback=children[index + 1],
                        progress=children[2],
                        items=int(total.group(1)) if total else 1,
                    )
                )
    return quizzes


@dataclass
class Learner:
    number: int
    page_seconds: float = float("nan")
    ready_at: float = float("nan")
    kernel_id: str = ""
    kernel_cpu_ready: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms, answer click -> feedback
    next_latencies: list[float] = field(default_factory=list)  # ms, "Volgende" -> cleared
    actions: int = 0
    errors: list[str] = field(default_factory=list)


class LearnerSession:
    """One learner's kernel websocket: sends clicks, waits for the widget updates."""

    def __init__(self, websocket: Any) -> None:
        self.ws = websocket
        self.session = uuid.uuid4().hex
        self.waiters: list[tuple[str, Any, asyncio.Future[float]]] = []
        self.states: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

    async def reader(self) -> None:
        try:
            async for raw in self.ws:
                if isinstance(raw, bytes):
                    continue  # binary buffers: no widget of a sort has any
                message = json.loads(raw)
                if message.get("header", {}).get("msg_type") != "comm_msg":
                    continue
                content = message["content"]
                data = content.get("data", {})
                if data.get("method") == "update_states" and not self.states.done():
                    self.states.set_result(data.get("states", {}))
                elif data.get("method") == "update":
                    value = data.get("state", {}).get("value")
                    now = time.perf_counter()
                    for waiter in list(self.waiters):
                        comm, predicate, future = waiter
                        matches = comm == content.get("comm_id") and value is not None
                        if matches and predicate(value) and not future.done():
                            future.set_result(now)
                            self.waiters.remove(waiter)
        finally:
            error = ConnectionError("websocket gesloten")
            if not self.states.done():
                self.states.set_exception(error)
            for _comm, _predicate, future in self.waiters:
                if not future.done():
                    future.set_exception(error)

    async def send(self, msg_type: str, content: dict[str, Any], **metadata: Any) -> None:
        await self.ws.send(_message(self.session, msg_type, content, **metadata))

    async def request_states(self, timeout: float) -> dict[str, Any]:
        control = uuid.uuid4().hex
        await self.send(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            version="1.0.0",
        )
        await self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        return await asyncio.wait_for(self.states, timeout)

    async def click(self, comm_id: str, watch: str, predicate: Any, timeout: float) -> float:
        """Send a Button click; return ms until ``watch`` gets a value that fits."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters.append((watch, predicate, future))
        started = time.perf_counter()
        await self.send(
            "comm_msg",
            {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}},
        )
        arrived = await asyncio.wait_for(future, timeout)
        return (arrived - started) * 1000


@dataclass
class LoadRun:
    learners: int
    results: list[Learner]
    wall: float
    click_window: float
    memory: dict[str, float]
    cpu: dict[str, float]
    use: dict[str, float]
    samples: list[tuple[float, float, int]]  # (time, total RSS of server and kernels, kernels)
    ramp: float = 0.0
    variant: str = ""  # "" (our settings, arrivals over the ramp), "burst" or "nagle"

    @property
    def latencies(self) -> list[float]:
        return [x for r in self.results for x in r.latencies]

    @property
    def errors(self) -> list[str]:
        return [e for r in self.results for e in r.errors]

    def page_seconds(self) -> list[float]:
        return [r.page_seconds for r in self.results if r.page_seconds == r.page_seconds]


async def _learner(
    learner: Learner,
    server: Server,
    arrive: float,
    everyone_ready: asyncio.Event,
    ready_count: list[int],
    total: int,
    items: int,
    think: tuple[float, float],
    rng: random.Random,
    timeout: float,
) -> None:
    import httpx
    from websockets.asyncio.client import connect

    def one_ready() -> None:
        ready_count[0] += 1
        if ready_count[0] >= total:
            everyone_ready.set()

    await asyncio.sleep(arrive)
    started = time.perf_counter()
    try:
        async with httpx.AsyncClient(timeout=timeout * 6) as client:
            response = await client.get(f"{server.url}/voila/render/{LOAD_MODULE}")
        learner.page_seconds = time.perf_counter() - started
        found = re.findall(r'"kernelId": "([0-9a-f-]+)"', response.text)
        if response.status_code != 200 or not found:
            raise RuntimeError(f"pagina: HTTP {response.status_code}, geen kernelId")
        learner.kernel_id = found[0]
        ws_url = (
            server.url.replace("http://", "ws://")
            + f"/api/kernels/{learner.kernel_id}/channels?session_id={uuid.uuid4()}"
        )
        async with connect(
            ws_url, origin=server.url, max_size=None, open_timeout=timeout, ping_interval=None
        ) as websocket:
            session = LearnerSession(websocket)
            reader = asyncio.create_task(session.reader())
            try:
                states = await session.request_states(timeout)
                quizzes = find_quizzes(states)
                if sum(q.items for q in quizzes) < items:
                    raise RuntimeError(
                        f"te weinig uitspraken op de pagina ({sum(q.items for q in quizzes)})"
                    )
                pid = server.kernels().get(learner.kernel_id)
                learner.kernel_cpu_ready = cpu_seconds(pid) if pid else 0.0
                learner.ready_at = time.perf_counter()
                one_ready()
                await everyone_ready.wait()
                answered = 0
                for quiz in quizzes:
                    for item in range(quiz.items):
                        if answered >= items:
                            break
                        await asyncio.sleep(rng.uniform(*think))
                        button = rng.choice([quiz.helpful, quiz.harmful])
                        try:
                            ms = await session.click(button, quiz.feedback, bool, timeout)
                        except TimeoutError:
                            learner.errors.append("geen feedback binnen de tijd")
                            answered += 1
                            continue
                        learner.latencies.append(ms)
                        learner.actions += 1
                        answered += 1
                        if item < quiz.items - 1 and answered < items:
                            await asyncio.sleep(rng.uniform(*think))
                            try:
                                ms = await session.click(
                                    quiz.next, quiz.feedback, lambda v: v == "", timeout
                                )
                                learner.next_latencies.append(ms)
                                learner.actions += 1
                            except TimeoutError:
                                learner.errors.append("Volgende: geen nieuwe uitspraak")
            finally:
                reader.cancel()
    except Exception as error:
        learner.errors.append(f"{type(error).__name__}: {str(error)[:120]}")
    finally:
        if learner.ready_at != learner.ready_at:  # never got ready: do not hold the others
            one_ready()


async def _sample_memory(
    server: Server, samples: list[tuple[float, float, int]], stop: asyncio.Event
) -> None:
    started = time.perf_counter()
    while not stop.is_set():
        kernels = server.kernels()
        total = rss_bytes(server.pid) + sum(rss_bytes(p) for p in kernels.values())
        samples.append((time.perf_counter() - started, total / MB, len(kernels)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 2.0)


def memory_now(server: Server) -> dict[str, float]:
    kernels = server.kernels()
    return {
        "server_rss": rss_bytes(server.pid) / MB,
        "server_pss": pss_bytes(server.pid) / MB,
        "kernels": len(kernels),
        "kernels_rss": sum(rss_bytes(p) for p in kernels.values()) / MB,
        "kernels_pss": sum(pss_bytes(p) for p in kernels.values()) / MB,
    }


async def _load_run(
    server: Server,
    learners: int,
    items: int,
    ramp: float,
    think: tuple[float, float],
    timeout: float,
    seed: int,
) -> LoadRun:
    rng = random.Random(seed)
    results = [Learner(n) for n in range(learners)]
    everyone_ready = asyncio.Event()
    ready_count = [0]
    samples: list[tuple[float, float, int]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_memory(server, samples, stop))
    baseline = memory_now(server)
    server_cpu = cpu_seconds(server.pid)
    kernels_before = set(server.kernels())
    self_cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    peak: dict[str, float] = {}

    async def peak_when_clicking() -> None:
        # Memory at its fullest: everyone has a page and has clicked for a while.
        await everyone_ready.wait()
        await asyncio.sleep(min(30.0, items * sum(think)))
        peak.update(memory_now(server))

    peak_task = asyncio.create_task(peak_when_clicking())
    tasks = [
        asyncio.create_task(
            _learner(
                learner,
                server,
                ramp * n / max(1, learners - 1) if learners > 1 else 0.0,
                everyone_ready,
                ready_count,
                learners,
                items,
                think,
                random.Random(rng.random()),
                timeout,
            )
        )
        for n, learner in enumerate(results)
    ]
    await asyncio.wait_for(everyone_ready.wait(), None)
    click_started = time.perf_counter()
    await asyncio.gather(*tasks)
    click_window = time.perf_counter() - click_started
    await peak_task
    wall = time.perf_counter() - started
    kernels = server.kernels()
    kernel_cpu_clicks = 0.0
    kernel_cpu_total = 0.0
    for learner in results:
        pid = kernels.get(learner.kernel_id)
        if pid:
            used = cpu_seconds(pid)
            kernel_cpu_total += used
            kernel_cpu_clicks += max(0.0, used - learner.kernel_cpu_ready)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    stop.set()
    await sampler
    new_kernels = [k for k in kernels if k not in kernels_before]
    actions = sum(r.actions for r in results)
    answers = sum(len(r.latencies) for r in results)
    return LoadRun(
        learners=learners,
        ramp=ramp,
        results=results,
        wall=wall,
        click_window=click_window,
        memory={"baseline_" + k: v for k, v in baseline.items()}
        | {"peak_" + k: v for k, v in (peak or memory_now(server)).items()}
        | {"new_kernels": len(new_kernels)},
        cpu={
            "server": cpu_seconds(server.pid) - server_cpu,
            "kernels_total": kernel_cpu_total,
            "kernels_clicks": kernel_cpu_clicks,
            "actions": actions,
            "answers": answers,
            "benchmark": (self_after.ru_utime + self_after.ru_stime)
            - (self_cpu.ru_utime + self_cpu.ru_stime),
        },
        use={},
        samples=samples,
    )


@dataclass(frozen=True)
class LoadPlan:
    learners: int
    ramp: float
    variant: str = ""  # "", "burst" (everyone at once) or "nagle" (without TCP_NODELAY)


VARIANT_LABEL = {
    "": "",
    "burst": "tegelijk",
    "nagle": "zonder TCP_NODELAY (vergelijking)",
}


def load_test(
    make_server: Any,
    plans: Sequence[LoadPlan],
    items: int,
    think: tuple[float, float],
    timeout: float,
    quiet_wait: float,
) -> list[LoadRun]:
    runs: list[LoadRun] = []
    for plan in plans:
        learners, ramp = plan.learners, plan.ramp
        name = f"belasting-{learners}" + (f"-{plan.variant}" if plan.variant else "")
        server = make_server(name, plan.variant == "nagle")
        try:
            server.settle()
            wait_until_quiet(quiet_wait)
            say(
                f"belastingstest: {learners} cursisten in {ramp:.0f} s {plan.variant} "
                f"(loadavg {comma(load1())})"
            )
            with machine_use() as use:
                run = asyncio.run(
                    _load_run(server, learners, items, ramp, think, timeout, seed=learners)
                )
            run.use = use
            run.variant = plan.variant
            lat = run.latencies
            say(
                f"  {learners}: p50 {percentile(lat, 0.5):.0f} ms, p95 "
                f"{percentile(lat, 0.95):.0f} ms, fouten {len(run.errors)}, "
                f"pagina p95 {percentile(run.page_seconds(), 0.95):.1f} s, "
                f"kernels {run.memory['peak_kernels']:.0f}"
            )
            for error in sorted(set(run.errors))[:5]:
                say(f"    fout: {error} ({run.errors.count(error)}x)")
            runs.append(run)
        finally:
            server.stop()
    return runs


# -- Reporting ---------------------------------------------------------------------------------


def per_learner_mb(run: LoadRun, key: str = "pss") -> float:
    """Growth of server + kernels from the idle server to the busiest moment, per learner."""
    m = run.memory
    before = m[f"baseline_server_{key}"] + m[f"baseline_kernels_{key}"]
    after = m[f"peak_server_{key}"] + m[f"peak_kernels_{key}"]
    return (after - before) / run.learners


def per_kernel_mb(run: LoadRun, key: str = "rss") -> float:
    return run.memory[f"peak_kernels_{key}"] / max(1, run.memory["peak_kernels"])


def after_socket(page: PageResult) -> float:
    """Median ms from the open kernel websocket to the first usable control."""
    return median([x.tti - x.ws_open for x in page.loads if x.ws_open])


def _ratio_cell(key: str, page: PageResult, pages: dict[str, PageResult]) -> str:
    bare = pages["ours-bare"].tti()
    if key == "stock-bare":
        return f"{comma(bare / page.tti())} (onze/stock)"
    if key == "ours-bare":
        return "1,00"
    if key.endswith("-warm"):
        cold = pages.get(key.removesuffix("-warm"))
        if cold is None or not cold.loads:
            return ""
        return f"{comma(page.tti() / cold.tti())} (t.o.v. lege cache)"
    return comma(page.tti() / bare)


def tti_table(tti: dict[str, Any]) -> str:
    pages: dict[str, PageResult] = tti["pages"]
    models: dict[str, dict[str, float]] = tti.get("models", {})
    rows = [
        "| pagina | TTI mediaan (ms) | min - max (ms) | verhouding | websocket open (ms) "
        "| daarna tot TTI (ms) | widgetmodellen | requests | JS (KiB) | over de lijn (KiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, page in pages.items():
        if not page.loads:
            rows.append(f"| {page.label} | mislukt ({len(page.errors)}x) | | | | | | | | |")
            continue
        values = [x.tti for x in page.loads]
        failed = page.stat("failed")
        requests = f"{page.stat('requests'):.0f}" + (f" ({failed:.0f} mislukt)" if failed else "")
        count = models.get(page.name, {}).get("models")
        rows.append(
            f"| {page.label} | {page.tti():.0f} | {min(values):.0f} - {max(values):.0f} "
            f"| {_ratio_cell(key, page, pages)} | {page.stat('ws_open'):.0f} "
            f"| {after_socket(page):.0f} | {'' if count is None else f'{count:.0f}'} "
            f"| {requests} | {page.stat('js_bytes') / 1024:.0f} "
            f"| {page.stat('all_transfer') / 1024:.0f} |"
        )
    return "\n".join(rows)


def click_table(click: dict[str, Any]) -> str:
    def row(name: str, values: list[float]) -> str:
        return (
            f"| {name} | {len(values)} | {comma(median(values), 0)} "
            f"| {comma(percentile(values, 0.95), 0)} "
            f"| {comma(max(values, default=float('nan')), 0)} |"
        )

    samples = click["samples"]
    return "\n".join(
        [
            "| meting | klikken | mediaan (ms) | p95 (ms) | max (ms) |",
            "| --- | ---: | ---: | ---: | ---: |",
            row("klik tot feedback in de pagina", [s["dom"] for s in samples]),
            row("idem, tot het volgende frame", [s["frame"] for s in samples]),
            row("*Volgende* tot de nieuwe uitspraak", [s["next"] for s in samples if "next" in s]),
        ]
    )


def run_label(run: LoadRun) -> str:
    extra = VARIANT_LABEL.get(run.variant, run.variant)
    arrive = "tegelijk" if run.ramp == 0 else f"in {comma(run.ramp, 0)} s"
    text = f"{run.learners}, {arrive}"
    return f"{text}, {extra}" if extra and extra != "tegelijk" else text


def load_table(runs: list[LoadRun]) -> str:
    rows = [
        "| cursisten, binnenkomst | klikken | p50 (ms) | p95 (ms) | max (ms) | fouten "
        "| pagina p50 / p95 (s) | kernels (met pool) | RSS per kernel (MB) | PSS per cursist (MB) "
        "| CPU-ms per klik (kernel) | loadavg voor → na |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lat = run.latencies
        pages = run.page_seconds()
        cpu_click = run.cpu["kernels_clicks"] / max(1, run.cpu["actions"]) * 1000
        rows.append(
            f"| {run_label(run)} | {len(lat)} | {comma(percentile(lat, 0.5), 0)} "
            f"| {comma(percentile(lat, 0.95), 0)} | {comma(max(lat, default=float('nan')), 0)} "
            f"| {len(run.errors)} | {comma(percentile(pages, 0.5), 2)} / "
            f"{comma(percentile(pages, 0.95), 2)} | {run.memory['peak_kernels']:.0f} "
            f"| {comma(per_kernel_mb(run), 0)} | {comma(per_learner_mb(run), 0)} "
            f"| {comma(cpu_click, 1)} | {comma(run.use['load_before'])} → "
            f"{comma(run.use['load_after'])} |"
        )
    return "\n".join(rows)


SLOW_MS = 30.0  # a click this slow on an idle loopback waited for something


def slow_share(run: LoadRun) -> float:
    """The fraction of clicks that took SLOW_MS or longer."""
    return sum(x >= SLOW_MS for x in run.latencies) / max(1, len(run.latencies))


def page_cpu(run: LoadRun) -> float:
    """Kernel CPU seconds per learner before the first click: start and run the module."""
    return (run.cpu["kernels_total"] - run.cpu["kernels_clicks"]) / max(1, run.learners)


def load_cpu_lines(runs: list[LoadRun]) -> str:
    lines = []
    for run in runs:
        c = run.cpu
        lines.append(
            f"- {run_label(run)}: server {comma(c['server'], 1)} CPU-s "
            f"({comma(c['server'] / run.learners, 2)} per cursist: pagina en websocketverkeer); "
            f"kernels {comma(c['kernels_total'], 1)} CPU-s, waarvan {comma(c['kernels_clicks'], 1)}"
            f" voor {c['actions']:.0f} klikken; kernel starten en module draaien "
            f"{comma(page_cpu(run), 2)} CPU-s per cursist; machine gemiddeld "
            f"{comma(run.use['busy_cores'], 2)} kern bezet (de benchmark zelf "
            f"{comma(c['benchmark'] / run.use['wall'], 2)}); klikfase "
            f"{comma(run.click_window, 0)} s van {comma(run.wall, 0)} s"
        )
    return "\n".join(lines)


def _main_runs(runs: list[LoadRun]) -> list[LoadRun]:
    return [r for r in runs if not r.variant]


def verdicts(
    tti: dict[str, Any], click: dict[str, Any], runs: list[LoadRun]
) -> list[tuple[str, bool, str]]:
    """(target, met, one honest paragraph in Dutch) per target."""
    pages: dict[str, PageResult] = tti["pages"]
    models: dict[str, dict[str, float]] = tti.get("models", {})
    bare = pages["ours-bare"]
    stock = pages["stock-bare"]
    modules = {
        k: p
        for k, p in pages.items()
        if k.startswith("module-") and not k.endswith("-warm") and p.loads
    }
    out: list[tuple[str, bool, str]] = []

    def kib(page: PageResult) -> float:
        return page.stat("html_bytes") / 1024

    def js_kib(page: PageResult) -> float:
        return page.stat("js_bytes") / 1024

    ratios = {k: p.tti() / bare.tti() for k, p in modules.items()}
    if ratios:
        missed = [modules[k].label for k, r in ratios.items() if r > TARGET_MODULE_RATIO]
        met = not missed and all(not p.errors for p in modules.values())
        count = {
            p.label: models.get(p.name, {}).get("models", float("nan")) for p in modules.values()
        }
        counted = [p for p in modules.values() if count[p.label] == count[p.label]]
        most = max(counted, key=lambda p: count[p.label], default=None)
        fewest = min(counted, key=lambda p: count[p.label], default=None)
        out.append(
            (
                f"module / kale pagina ≤ {comma(TARGET_MODULE_RATIO)}",
                met,
                f"De kale pagina met onze instellingen is na {comma(bare.tti(), 0)} ms bruikbaar, "
                f"de modules na {comma(min(p.tti() for p in modules.values()), 0)} tot "
                f"{comma(max(p.tti() for p in modules.values()), 0)} ms"
                + (
                    "; boven "
                    + comma(TARGET_MODULE_RATIO)
                    + ": "
                    + ", ".join(
                        f"{modules[k].label} {comma(r, 3)}"
                        for k, r in ratios.items()
                        if r > TARGET_MODULE_RATIO
                    )
                    + "."
                    if missed
                    else f" (verhouding tot {comma(max(ratios.values()), 3)})."
                )
                + f" Waar het verschil zit: tot de websocket open is (JavaScript laden en starten, "
                f"het document opbouwen) kaal {comma(bare.stat('ws_open'), 0)} ms, de modules "
                f"{comma(min(p.stat('ws_open') for p in modules.values()), 0)} tot "
                f"{comma(max(p.stat('ws_open') for p in modules.values()), 0)} ms; "
                + (
                    "de JavaScript is dezelfde, maar "
                    if all(p.stat("js_bytes") == bare.stat("js_bytes") for p in modules.values())
                    else f"JavaScript kaal {comma(js_kib(bare), 0)} KiB, de modules "
                    f"{comma(min(js_kib(p) for p in modules.values()), 0)} tot "
                    f"{comma(max(js_kib(p) for p in modules.values()), 0)} KiB; "
                )
                + f"het HTML-document is {comma(kib(bare), 0)} KiB kaal en "
                f"{comma(min(kib(p) for p in modules.values()), 0)} tot "
                f"{comma(max(kib(p) for p in modules.values()), 0)} KiB "
                f"voor een module (de tekst van de module en de plaatsen voor de widgets). Daarna, "
                f"de widgetstatus ophalen en alle widgets tekenen: kaal "
                f"{comma(after_socket(bare), 0)} ms, de modules "
                f"{comma(min(after_socket(p) for p in modules.values()), 0)} tot "
                f"{comma(max(after_socket(p) for p in modules.values()), 0)} ms"
                + (
                    f" (de meeste widgetmodellen: {most.label}, {count[most.label]:.0f}, "
                    f"{comma(after_socket(most), 0)} ms; de minste: {fewest.label}, "
                    f"{count[fewest.label]:.0f}, {comma(after_socket(fewest), 0)} ms)"
                    if most and fewest
                    else ""
                )
                + ". "
                "Welk deel van de tijd vóór de websocket door het grotere document komt, is niet "
                "apart gemeten.",
            )
        )
    if bare.loads and stock.loads:
        ratio = bare.tti() / stock.tti()
        # Each round loads both pages once, so a pair shares the machine's load at that time.
        paired = (
            [o.tti / st.tti for o, st in zip(bare.loads, stock.loads, strict=True)]
            if len(bare.loads) == len(stock.loads) and not bare.errors and not stock.errors
            else []
        )
        ours_ext, stock_ext = bare.extensions(), stock.extensions()
        more = sorted(stock_ext - ours_ext)
        out.append(
            (
                f"onze kale pagina / stock ≤ {comma(TARGET_STOCK_RATIO, 1)}",
                ratio <= TARGET_STOCK_RATIO,
                f"Onze kale pagina: {comma(bare.tti(), 0)} ms; dezelfde pagina op een standaard "
                f"Voila-server: {comma(stock.tti(), 0)} ms, verhouding {comma(ratio)}"
                + (
                    f" (per ronde, beide pagina's kort na elkaar: {comma(min(paired))} tot "
                    f"{comma(max(paired))}, mediaan {comma(median(paired))})"
                    if len(paired) > 1
                    else ""
                )
                + ". Wat "
                f"verschilt: bij stock is het HTML-document pas na "
                f"{comma(stock.stat('html'), 0)} ms binnen (Voila start dan pas een kernel en "
                f"draait het notebook), bij ons na {comma(bare.stat('html'), 0)} ms "
                f"(voorverwarmde kernel); maar de browser laadt de JavaScript al terwijl het "
                f"document binnenkomt. En onze pagina laadt {len(ours_ext)} JupyterLab-"
                f"uitbreidingen, alleen die voor widgets (`extension_allowlist` in `voila.json`): "
                f"{comma(js_kib(bare), 0)} KiB JavaScript in {bare.stat('requests'):.0f} "
                f"requests; stock laadt er {len(stock_ext)}"
                + (f", ook {', '.join(f'`{name}`' for name in more)}" if more else "")
                + f": {comma(js_kib(stock), 0)} KiB in {stock.stat('requests'):.0f} requests. Tot "
                f"de websocket open is, duurt het bij ons {comma(bare.stat('ws_open'), 0)} ms, "
                f"bij stock {comma(stock.stat('ws_open'), 0)} ms; daarna tot de knop bruikbaar is "
                f"{comma(after_socket(bare), 0)} tegen {comma(after_socket(stock), 0)} ms."
                + (
                    f" Het laden en starten van de JavaScript tot de websocket is bij ons nog "
                    f"{comma(100 * bare.stat('ws_open') / bare.tti(), 0)} % van de TTI; "
                    f"{comma(TARGET_STOCK_RATIO, 1)} haal je alleen als dat nog sneller gaat "
                    f"(minder of snellere JavaScript)."
                    if ratio > TARGET_STOCK_RATIO
                    else ""
                )
                + (
                    f" Stock vraagt per pagina {stock.stat('failed'):.0f} bestanden op bij "
                    f"{', '.join(sorted(stock.failed_hosts))}, die deze machine niet bereikt "
                    f"(Font Awesome van een CDN); ons sjabloon laat die weg."
                    if stock.stat("failed")
                    else ""
                ),
            )
        )
    dom = [s["dom"] for s in click["samples"]]
    main = _main_runs(runs)
    if dom:
        text = (
            f"In Chromium: mediaan {comma(median(dom), 0)} ms, p95 "
            f"{comma(percentile(dom, 0.95), 0)} ms over {len(dom)} klikken"
            + (f", {click['errors']} zonder feedback binnen 30 s." if click["errors"] else ".")
        )
        if main and main[0].latencies:
            text += (
                f" Op protocolniveau, zonder browser ({main[0].learners} cursisten), is de "
                f"mediaan {comma(percentile(main[0].latencies, 0.5), 0)} ms."
            )
        out.append(
            (
                f"klik tot feedback p50 ≤ {comma(TARGET_CLICK_P50, 0)} ms",
                median(dom) <= TARGET_CLICK_P50 and not click["errors"],
                text,
            )
        )
    target_run = next((r for r in main if r.learners == TARGET_LEARNERS), None)
    if target_run is not None:
        lat = target_run.latencies
        p95 = percentile(lat, 0.95)
        mb = per_learner_mb(target_run)
        ok = p95 <= TARGET_LOAD_P95 and not target_run.errors and mb <= TARGET_MB_PER_LEARNER
        out.append(
            (
                f"{TARGET_LEARNERS} cursisten: p95 ≤ {comma(TARGET_LOAD_P95, 0)} ms, 0 fouten, "
                f"≤ {comma(TARGET_MB_PER_LEARNER, 0)} MB per cursist",
                ok,
                f"p95 {comma(p95, 0)} ms, {len(target_run.errors)} fouten, {comma(mb, 0)} MB "
                f"per cursist (PSS; RSS per kernel {comma(per_kernel_mb(target_run), 0)} MB), "
                f"bij {TARGET_LEARNERS} cursisten die binnen {comma(target_run.ramp, 0)} s "
                f"binnenkomen. Een pagina (alleen het HTML-document) kwam mediaan na "
                f"{comma(percentile(target_run.page_seconds(), 0.5), 2)} s, p95 "
                f"{comma(percentile(target_run.page_seconds(), 0.95), 2)} s.",
            )
        )
    return out


def findings(tti: dict[str, Any], click: dict[str, Any], runs: list[LoadRun]) -> str:
    """What the numbers say beyond the targets, and what to try; in Dutch."""
    pages: dict[str, PageResult] = tti["pages"]
    models: dict[str, dict[str, float]] = tti.get("models", {})
    parts: list[str] = []
    warm = [(k, p) for k, p in pages.items() if k.endswith("-warm") and p.loads]
    if warm:
        gains = []
        for key, page in warm:
            cold = pages.get(key.removesuffix("-warm"))
            if cold and cold.loads:
                gains.append(f"{cold.label} {comma(cold.tti(), 0)} → {comma(page.tti(), 0)} ms")
        parts.append(
            "- **Browsercache.** Met de JavaScript al in de cache (een tweede pagina in "
            "dezelfde browser) gaat het sneller: " + "; ".join(gains) + ". Een cursist opent "
            "zeven modules na elkaar; de proxy moet de statische bestanden dus laten cachen "
            "(`Cache-Control` in `docs/production.md`)."
        )
    if models:
        biggest = max(models, key=lambda n: models[n]["models"])
        smallest = min(models, key=lambda n: models[n]["models"])
        parts.append(
            f"- **Widgetmodellen.** Een modulepagina heeft {models[smallest]['models']:.0f} "
            f"(`{smallest}`) tot {models[biggest]['models']:.0f} (`{biggest}`) widgetmodellen "
            f"({comma(models[biggest]['kib'], 0)} KiB status over de websocket). Ongeveer een "
            f"derde is een `LayoutModel`: elke widget krijgt een eigen `Layout`, ook als die "
            f"nooit verandert. Voorstel: widgets die niet verspringen een gedeelde `Layout` geven, "
            f"en onderdelen die pas later nodig zijn (een volgende ronde van `mastery`/`review`, "
            f"de uitleg van een gesprek) pas maken als de cursist daar is. Elk model minder "
            f"scheelt ophalen en tekenen vóór de eerste knop."
        )
    nagle = next((r for r in runs if r.variant == "nagle"), None)
    ours = next((r for r in _main_runs(runs) if nagle and r.learners == nagle.learners), None)
    if nagle and ours:
        main_latencies = [x for r in _main_runs(runs) for x in r.latencies]
        all_slow = sum(x >= SLOW_MS for x in main_latencies) / max(1, len(main_latencies))

        def figures(run: LoadRun) -> str:
            return (
                f"{comma(100 * slow_share(run), 1)} % van de klikken {SLOW_MS:.0f} ms of "
                f"langer, p50 {comma(percentile(run.latencies, 0.5), 0)} ms, p95 "
                f"{comma(percentile(run.latencies, 0.95), 0)} ms, max "
                f"{comma(max(run.latencies, default=float('nan')), 0)} ms"
            )

        gain = percentile(nagle.latencies, 0.95) - percentile(ours.latencies, 0.95)
        helped = slow_share(nagle) > slow_share(ours) and gain > 0
        parts.append(
            f"- **`TCP_NODELAY` is nu onze instelling.** Op een klik stuurt de kernel een "
            f"handvol kleine berichten achter elkaar (twee knoppen uit, knopstijl, feedback, "
            f"*Volgende* tonen). Voila zelf zet `TCP_NODELAY` niet op de websocket, dus kan een "
            f"bericht wachten tot de client het vorige bevestigt, en Linux stelt die "
            f"bevestiging tot 40 ms uit; daarom zet `voila.py` het wel "
            f"(`coursekit.voila_hooks.send_without_delay`). In deze run, met "
            f"{nagle.learners} cursisten die binnen {comma(nagle.ramp, 0)} s binnenkomen: met "
            f"onze instellingen {figures(ours)} (over alle runs met onze instellingen: "
            f"{comma(100 * all_slow, 1)} % van de klikken); ter vergelijking "
            f"dezelfde instellingen zonder `TCP_NODELAY` (een kopie van `voila.py` zonder de "
            f"aanroep, in een tijdelijke map): {figures(nagle)}. "
            + (
                f"De instelling scheelt op de p95 dus {comma(gain, 0)} ms."
                if helped
                else "In deze run scheelde de instelling dus niets op de p95; dat is anders "
                "dan eerder gemeten en het waard om uit te zoeken."
            )
            + " Achter een proxy geldt de instelling voor de verbinding van Voila naar de "
            "proxy; wat de proxy naar de browser doet, is hier niet gemeten."
        )
    burst = next((r for r in runs if r.variant == "burst"), None)
    spread = next((r for r in _main_runs(runs) if burst and r.learners == burst.learners), None)
    if burst and spread:
        cores = len(os.sched_getaffinity(0))
        per = page_cpu(burst) + burst.cpu["server"] / burst.learners
        parts.append(
            f"- **Een hele groep tegelijk.** Komen {burst.learners} cursisten op dezelfde "
            f'seconde binnen (een trainer zegt "open module 5"), dan krijgt alleen de eerste '
            f"een voorverwarmde kernel; voor de rest start Voila {burst.learners - 1} kernels "
            f"tegelijk, die de module allemaal tegelijk draaien en dus ook ongeveer tegelijk "
            f"klaar zijn: het HTML-document kwam mediaan na "
            f"{comma(percentile(burst.page_seconds(), 0.5), 1)} s, p95 "
            f"{comma(percentile(burst.page_seconds(), 0.95), 1)} s, fouten "
            f"{len(burst.errors)}. Per cursist kost een pagina {comma(per, 2)} CPU-s (kernel "
            f"{comma(page_cpu(burst), 2)}, server {comma(burst.cpu['server'] / burst.learners, 2)})"
            f"; op {cores} kernen is {comma(burst.learners * per / cores, 0)} s dus de "
            f"ondergrens, en andere processen (loadavg {comma(burst.use['load_before'])} → "
            f"{comma(burst.use['load_after'])}) maken het langer. Klikken bleef snel "
            f"(p95 {comma(percentile(burst.latencies, 0.95), 0)} ms). Voorstellen: de "
            f"trainer laat de groep in een paar minuten binnenkomen (met {burst.learners} in "
            f"{comma(spread.ramp, 0)} s was de p95 van een pagina "
            f"{comma(percentile(spread.page_seconds(), 0.95), 2)} s); "
            f"een grotere pool voor de module waarmee een les begint (`kernel_pools_config` "
            f'per notebook, bijvoorbeeld `"00-welkom.ipynb": {{"pool_size": 10}}`, kost '
            f"ongeveer {comma(per_learner_mb(burst), 0)} MB per kernel); en meer kernen."
        )
    if not parts:
        return ""
    return "### Bevindingen en voorstellen\n\n" + "\n".join(parts) + "\n"


def section(
    tti: dict[str, Any],
    click: dict[str, Any],
    runs: list[LoadRun],
    facts: dict[str, str],
    args: argparse.Namespace,
) -> str:
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items())
    tti_use = tti["use"]
    click_use = click["use"]
    checks = "\n\n".join(
        f"**{name}: {'gehaald' if met else 'niet gehaald'}.** {text}"
        for name, met, text in verdicts(tti, click, runs)
    )
    command = "benchmarks/voila.py" + (" --quick" if args.quick else "")
    ramp = next((r.ramp for r in _main_runs(runs)), args.ramp)
    return (
        f"{SECTION}\n\n"
        f"Gemeten op {facts['datum']} met `{command}`, op servers die de benchmark zelf "
        f"start op vrije poorten van 127.0.0.1: onze instellingen (`voila.json`, `voila.py`, "
        f"sjabloon `coursekit`, één voorverwarmde kernel per notebook, alleen de "
        f"JupyterLab-uitbreidingen voor widgets, `TCP_NODELAY` op de websocket) en een "
        f"standaard Voila-server (`voila bare.ipynb`, geen `voila.json`, standaardsjabloon, "
        f"geen voorverwarmde kernel, alle geïnstalleerde uitbreidingen). De kale pagina is één "
        f'cel: `widgets.Button(description="Klik")`. Op deze gedeelde machine draaiden soms '
        f"tests van anderen; de loadavg voor en na elke meting staat erbij.\n\n"
        f"### Tijd tot de eerste bruikbare knop (TTI)\n\n"
        f"Van het begin van de navigatie tot de eerste knop *Helpt* (modules) of de knop (kale "
        f"pagina) zichtbaar en klikbaar is, in headless Chromium; mediaan van {args.loads} "
        f"verse pagina's (elk een nieuwe browsercontext, dus een lege cache), in rondes "
        f"(elke ronde elke pagina één keer). Tussen twee pagina's sluit de benchmark de kernel "
        f"van de pagina en wacht tot de pool weer een voorverwarmde kernel heeft, zoals op een "
        f"rustige server. Loadavg (1 min) {comma(tti_use['load_before'])} vooraf, "
        f"{comma(tti_use['load_after'])} achteraf; de machine was gemiddeld "
        f"{comma(tti_use['busy_cores'], 2)} van de 2 kernen bezet (browser en servers "
        f"meegerekend).\n\n"
        f"{tti_table(tti)}\n\n"
        f"*verhouding*: TTI gedeeld door die van de kale pagina met onze instellingen; "
        f"*websocket open*: wanneer de pagina de websocket naar haar kernel open heeft (alles "
        f"daarvoor is de browser die Voila's JavaScript laadt en start); *daarna tot TTI*: de "
        f"widgetstatus ophalen en de widgets tekenen; *widgetmodellen*: wat de frontend van de "
        f"kernel ophaalt; *requests*: alle HTTP-verzoeken (de websocket niet); *JS*: "
        f"uitgepakte JavaScript; *over de lijn*: alles wat over het netwerk ging (Voila "
        f"comprimeert niets). *Tweede bezoek*: dezelfde browsercontext heeft de pagina (of "
        f"module 5) net geopend, dus de JavaScript staat in de cache.\n\n"
        f"### Klik tot feedback in de browser\n\n"
        f"Module 5: elke klik op *Helpt* of *Helpt niet* bij een nieuwe uitspraak (herhaling, "
        f"uitspraken sorteren, afsluitende toets), daarna *Volgende*; `performance.now()` in de "
        f"pagina, een MutationObserver op de feedback. Loadavg "
        f"{comma(click_use['load_before'])} → {comma(click_use['load_after'])}.\n\n"
        f"{click_table(click)}\n\n"
        f"### Belasting: cursisten zonder browser\n\n"
        f"Elke gesimuleerde cursist opent `{LOAD_MODULE}` (GET), opent de websocket van zijn "
        f"kernel, leest de widgetstatus zoals de ipywidgets-frontend dat doet "
        f"(`request_states`) en beantwoordt {args.items} uitspraken met dezelfde `comm_msg` als "
        f"een klik op een knop, met *Volgende* ertussen. De cursisten komen binnen "
        f"{comma(ramp, 0)} s binnen (of allemaal tegelijk), wachten tot iedereen zijn pagina "
        f"heeft en klikken dan met {comma(args.think[0], 0)} tot {comma(args.think[1], 0)} s "
        f"denktijd per handeling: sneller dan een echte cursist, die ook leest. Gemeten wordt "
        f"per klik de tijd tot de update van het feedbackveld binnen is. Elke run op een verse "
        f"server; *zonder TCP_NODELAY (vergelijking)* is een server met onze instellingen "
        f"behalve `send_without_delay()` in `voila.py`, om te zien wat die instelling "
        f"oplevert.\n\n"
        f"{load_table(runs)}\n\n"
        f"*pagina*: tot het HTML-document binnen is (zonder JavaScript); *kernels (met pool)*: "
        f"alle kernels van de server op het drukste moment, ook de {len(MODULES)} in de pool; "
        f"*RSS per kernel*: gemiddeld geheugen van één kernel; *PSS per cursist*: de groei van "
        f"server en kernels samen, van de lege server tot het drukste moment, gedeeld door het "
        f"aantal cursisten (gedeeld geheugen eerlijk verdeeld); *CPU-ms per klik*: "
        f"processortijd van de kernels tijdens de klikfase gedeeld door alle klikken "
        f"(antwoorden en *Volgende*).\n\n"
        f"Processortijd:\n\n{load_cpu_lines(runs)}\n\n"
        f"De machine:\n\n{machine_lines}\n\n"
        f"### De doelen\n\n{checks}\n\n"
        f"{findings(tti, click, runs)}"
    )


# -- Main ----------------------------------------------------------------------------------------


def without_nodelay(voila_py: str) -> str:
    """The repository's voila.py without its ``send_without_delay()`` call: the baseline.

    Stops the benchmark if the call is not there exactly once, so that the baseline can never
    silently be our own setting.
    """
    baseline, found = re.subn(r"^send_without_delay\(\)[ \t]*\n", "", voila_py, flags=re.MULTILINE)
    if found != 1 or re.search(r"^[^#\n]*send_without_delay\(", baseline, re.MULTILINE):
        raise SystemExit(
            f"voila.py roept send_without_delay() {found} keer aan (verwacht: 1 keer, "
            "op een eigen regel); de vergelijking zonder TCP_NODELAY kan zo niet"
        )
    return baseline


def targets_for(servers: dict[str, Server]) -> list[Target]:
    ours, stock, modules = servers["ours-bare"], servers["stock-bare"], servers["modules"]
    bare_url = f"{ours.url}/voila/render/bare.ipynb"
    module_url = f"{modules.url}/voila/render/{{}}"
    targets = [
        Target("ours-bare", "kaal", "kale pagina, onze instellingen", ours, bare_url, None),
        Target("stock-bare", "stock", "kale pagina, standaard Voila", stock, f"{stock.url}/", None),
    ]
    targets += [
        Target(
            f"module-{name[:2]}",
            name,
            f"module {int(name[:2])} (`{name}`)",
            modules,
            module_url.format(name),
            HELPFUL,
        )
        for name in MODULES
    ]
    targets += [
        Target(
            "ours-bare-warm",
            "kaal-warm",
            "kale pagina, onze instellingen, tweede bezoek",
            ours,
            bare_url,
            None,
            before=bare_url,
        ),
        Target(
            "module-04-warm",
            "04-warm",
            "module 4 na module 5 (tweede bezoek)",
            modules,
            module_url.format("04-zo-help-je.ipynb"),
            HELPFUL,
            before=module_url.format(LOAD_MODULE),
        ),
    ]
    return targets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="minder pagina's en cursisten")
    parser.add_argument("--loads", type=int, default=10, help="verse pagina's per pagina")
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--burst", type=int, default=50, help="cursisten tegelijk (0: niet)")
    parser.add_argument(
        "--nagle",
        type=int,
        default=50,
        help="cursisten zonder TCP_NODELAY, ter vergelijking (0: niet)",
    )
    parser.add_argument("--items", type=int, default=20, help="uitspraken per cursist")
    parser.add_argument("--ramp", type=float, default=30.0, help="s waarin cursisten binnenkomen")
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"))
    parser.add_argument("--timeout", type=float, default=30.0, help="s per klik of stap")
    parser.add_argument("--quiet-wait", type=float, default=120.0, help="max s wachten op rust")
    parser.add_argument("--skip", nargs="*", default=[], choices=["tti", "click", "load"])
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra voila-optie voor onze servers (om instellingen te proberen)",
    )
    parser.add_argument("--write-docs", action="store_true", help="schrijf docs/performance.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.loads = min(args.loads, 3)
        args.clicks = min(args.clicks, 10)
        args.learners = [5, 10]
        args.burst = min(args.burst, 10)
        args.nagle = min(args.nagle, 10)
        args.items = min(args.items, 10)
        args.ramp = min(args.ramp, 5.0)
    args.think = tuple(args.think)
    if not Path(CHROMIUM).exists() and not {"tti", "click"} <= set(args.skip):
        raise SystemExit(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (zie README)")
    facts = machine()
    facts["belasting vooraf (loadavg 1 min)"] = comma(load1())
    saved = dict(os.environ)
    tti: dict[str, Any] = {}
    click: dict[str, Any] = {}
    runs: list[LoadRun] = []
    with tempfile.TemporaryDirectory(prefix="coursekit-voila-bench-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()
        isolated_jupyter(scratch / "home")
        ours = scratch / "ours"
        stock = scratch / "stock"
        bare_notebook(ours / "bare")
        shutil.copy(ROOT / "voila.json", ours / "voila.json")
        shutil.copy(ROOT / "voila.py", ours / "voila.py")
        bare_notebook(stock)
        nagle_dir = scratch / "nagle"
        nagle_dir.mkdir()
        (nagle_dir / "modules").symlink_to(ROOT / "modules")
        shutil.copy(ROOT / "voila.json", nagle_dir / "voila.json")
        (nagle_dir / "voila.py").write_text(
            without_nodelay((ROOT / "voila.py").read_text(encoding="utf-8")), encoding="utf-8"
        )
        extra = list(args.server_arg)

        def modules_server(name: str, without_tcp_nodelay: bool = False) -> Server:
            # `make serve`'s command, with the repository's voila.json and voila.py (for the
            # baseline: the copy of voila.py without send_without_delay()).
            cwd = nagle_dir if without_tcp_nodelay else ROOT
            return Server(name, ["modules", *extra], cwd, scratch / f"{name}.log")

        try:
            if not {"tti", "click"} <= set(args.skip):
                from playwright.sync_api import sync_playwright

                say("servers starten: onze kale pagina, stock, de modules")
                servers = {
                    "ours-bare": Server(
                        "ours-bare", ["bare", *extra], ours, scratch / "ours-bare.log"
                    ),
                    "stock-bare": Server(
                        "stock-bare", ["bare.ipynb"], stock, scratch / "stock-bare.log"
                    ),
                    "modules": modules_server("modules"),
                }
                try:
                    with sync_playwright() as playwright:
                        browser = playwright.chromium.launch(
                            executable_path=CHROMIUM, args=CHROMIUM_ARGS
                        )
                        try:
                            if "tti" not in args.skip:
                                for server in servers.values():
                                    server.settle()
                                wait_until_quiet(args.quiet_wait)
                                say(f"TTI: {args.loads} verse pagina's per pagina")
                                tti = time_to_interactive(browser, targets_for(servers), args.loads)
                                say("widgetmodellen per module tellen")
                                tti["models"] = widget_models(servers["modules"])
                            if "click" not in args.skip:
                                wait_until_quiet(args.quiet_wait)
                                say(f"klik tot feedback: {args.clicks} klikken in module 5")
                                click = click_latency(browser, servers["modules"], args.clicks)
                                dom = [s["dom"] for s in click["samples"]]
                                say(
                                    f"  mediaan {median(dom):.0f} ms, p95 "
                                    f"{percentile(dom, 0.95):.0f} ms, fouten {click['errors']}"
                                )
                        finally:
                            browser.close()
                finally:
                    for server in servers.values():
                        server.stop()
            if "load" not in args.skip:
                plans = [LoadPlan(n, args.ramp) for n in args.learners]
                if args.burst:
                    plans.append(LoadPlan(args.burst, 0.0, "burst"))
                if args.nagle:
                    plans.append(LoadPlan(args.nagle, args.ramp, "nagle"))
                runs = load_test(
                    modules_server, plans, args.items, args.think, args.timeout, args.quiet_wait
                )
        finally:
            os.environ.clear()
            os.environ.update(saved)

    facts["belasting achteraf (loadavg 1 min)"] = comma(load1())
    print()
    if tti:
        print(tti_table(tti))
        print()
    if click:
        print(click_table(click))
        print()
    if runs:
        print(load_table(runs))
        print()
        print(load_cpu_lines(runs))
        print()
    for key, value in facts.items():
        print(f"{key}: {value}")
    if tti and click and runs:
        print()
        for name, met, text in verdicts(tti, click, runs):
            print(f"{name}: {'gehaald' if met else 'NIET gehaald'}. {text}\n")
        print(findings(tti, click, runs))
    if args.write_docs:
        if not (tti and click and runs):
            raise SystemExit("--write-docs heeft alle drie de metingen nodig (geen --skip)")
        write_section(SECTION, section(tti, click, runs, facts, args))
        say(f"geschreven: {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
