"""One whole run on the course's real hub; returns ``HubResults``.

Runs the course's real hub (deploy/jupyterhub, started by tests/support/hub.py, with a
throwaway PostgreSQL) on loopback. First the hub alone (hub, proxy, formgrader service,
the Voila site with its preheated kernels, the idle culler). Then, one volunteer after the
other, what their own server costs at each step a volunteer takes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from typing import Any

import nbformat
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from benchmarks.common import (
    MB,
    cmdline,
    comma,
    cpu_seconds,
    environ,
    load1,
    machine,
    machine_use,
    pss_bytes,
    say,
    tree,
)
from benchmarks.hub.results import HubResults, Step, Volunteer
from coursekit.exercise.answers_file import answers_json, answers_path
from coursekit.hub import COURSE_ID
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.course import copy_course
from tests.support.hub import Hub, User, local_hub, log_in_with_form
from tests.support.jupyter import isolated_jupyter
from tests.support.nbgrader import EXERCISE, answer_key, nbgrader
from tests.support.postgres import postgres_database

TRAINER = "trainer"


def _server_pids(hub: Hub, name: str) -> list[int]:
    """The volunteer's server and everything under it (its kernels)."""
    for pid in tree(hub.process.pid):
        if "jupyterhub-singleuser" in cmdline(pid) and environ(pid).get("JUPYTERHUB_USER") == name:
            return tree(pid)
    return []


def _measure(hub: Hub, name: str, cpu_before: float, started: float) -> Step:
    pids = _server_pids(hub, name)
    return Step(
        pss_mb=sum(pss_bytes(p) for p in pids) / MB,
        cpu_s=sum(cpu_seconds(p, reaped_children=True) for p in pids) - cpu_before,
        wall_s=time.perf_counter() - started,
    )


def _cpu(hub: Hub, name: str) -> float:
    return sum(cpu_seconds(p, reaped_children=True) for p in _server_pids(hub, name))


def _ok(response: Any) -> Any:
    if not response.ok:
        raise SystemExit(f"{response.request.method} {response.url}: {response.text[:500]}")
    return response.json() if response.content else None


async def _run_notebook(user: User, path: str, cells: list[str]) -> None:
    """Open the notebook in a kernel session and run every code cell, as 'Run all' does."""
    session = _ok(
        user.call(
            "POST",
            f"{user.server}/api/sessions",
            json={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
        )
    )
    url = f"{user.server}/api/kernels/{session['kernel']['id']}/channels".replace("http", "ws", 1)
    request = HTTPRequest(url, headers={"Authorization": f"token {user.token}"})
    socket = await websocket_connect(request)
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            message = {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": user.name,
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "store_history": True},
                "channel": "shell",
                "buffers": [],
            }
            await socket.write_message(json.dumps(message))
            while True:
                raw = await asyncio.wait_for(socket.read_message(), timeout=120)
                if raw is None:
                    raise SystemExit("de websocket van de kernel ging dicht")
                reply = json.loads(raw)
                if (
                    reply.get("msg_type") == "execute_reply"
                    and reply["parent_header"].get("msg_id") == msg_id
                ):
                    if reply["content"]["status"] != "ok":
                        raise SystemExit(f"een cel faalde: {reply['content']}")
                    break
    finally:
        socket.close()


def _lab_page(hub: Hub, name: str, browser: Any) -> None:
    """JupyterLab opened in a browser by a volunteer who logs in with the form."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        log_in_with_form(page, hub.url, name)
        # A volunteer's server opens on Mijn cursus; today's path is JupyterLab.
        page.wait_for_url(f"**/user/{name}/**", timeout=120_000)
        page.goto(f"{hub.url}/user/{name}/lab")
        page.get_by_role("menuitem", name="Nbgrader").wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle")
    finally:
        page.close()


SITE_PARTS = ("cursussite (Voila)", "kernels van de cursussite")
MODULE = "05-wat-niet-helpt.ipynb"


def open_module(hub: Hub, browser: Any) -> Any:
    """A module page on the course site, open until the end of the run (its kernel lives)."""
    page = browser.new_page()
    page.goto(f"{hub.url}/services/cursus/voila/render/{MODULE}")
    page.locator(".coursekit-statementsort").first.wait_for(timeout=120_000)
    return page


def volunteer_steps(hub: Hub, name: str, browser: Any, code_cells: list[str]) -> Volunteer:
    result = Volunteer(name)
    started = time.perf_counter()
    user = hub.start(name)
    time.sleep(3)  # the server settles after its first request
    result.steps["server"] = _measure(hub, name, 0.0, started)

    before, started = _cpu(hub, name), time.perf_counter()
    _lab_page(hub, name, browser)
    time.sleep(2)
    result.steps["lab"] = _measure(hub, name, before, started)

    before, started = _cpu(hub, name), time.perf_counter()
    target = {"course_id": COURSE_ID, "assignment_id": EXERCISE}
    _ok(user.call("POST", f"{user.server}/assignments/fetch", data=target))
    # Playwright's sync API keeps an event loop in this thread; the kernel gets its own.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        run = _run_notebook(user, f"{EXERCISE}/{EXERCISE}.ipynb", code_cells)
        thread.submit(asyncio.run, run).result()
    answers = answers_path(EXERCISE, Path(".")).name
    content = answers_json(EXERCISE, answer_key(hub.course))
    _ok(
        user.call(
            "PUT",
            f"{user.server}/api/contents/{EXERCISE}/{answers}",
            json={"type": "file", "format": "text", "content": content},
        )
    )
    _ok(user.call("POST", f"{user.server}/assignments/submit", data=target))
    time.sleep(2)
    result.steps["active"] = _measure(hub, name, before, started)
    return result


def hub_only(hub: Hub) -> tuple[float, dict[str, float]]:
    """PSS of everything the hub runs before any volunteer, and per part."""
    parts: dict[str, float] = {}
    for pid in tree(hub.process.pid):
        line = cmdline(pid)
        part = (
            "proxy"
            if "configurable-http-proxy" in line
            else "kernels van de cursussite"
            if "ipykernel" in line
            else "cursussite (Voila)"
            if "voila" in line
            else "formgrader-dienst"
            if "jupyterhub-singleuser" in line
            else "idle-culler"
            if "idle_culler" in line
            else "hub"
        )
        parts[part] = parts.get(part, 0.0) + pss_bytes(pid) / MB
    return sum(parts.values()), parts


def idle_cpu(hub: Hub, names: list[str], seconds: float) -> float:
    """CPU seconds per minute of one volunteer's idle server (median)."""
    before = {n: _cpu(hub, n) for n in names}
    time.sleep(seconds)
    value: float = statistics.median((_cpu(hub, n) - before[n]) * 60 / seconds for n in names)
    return value


def code_cells(course: Path) -> list[str]:
    """The code a volunteer runs in the released exercise (what 'Run all' runs)."""
    released = course / "exercises" / EXERCISE / f"{EXERCISE}.ipynb"
    nb = nbformat.read(released, as_version=4)  # type: ignore[no-untyped-call]
    # The grade cells check answers the benchmark has not clicked; they run at autograde.
    return [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("grade")
    ]


def measure(count: int, idle_seconds: float) -> HubResults:
    """``count`` volunteers, one after the other, then ``idle_seconds`` of nothing."""
    from playwright.sync_api import sync_playwright

    names = [f"vrijwilliger{i + 1}" for i in range(count)]
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="coursekit-hub-bench-") as tmp:
        scratch = Path(tmp)
        isolated_jupyter(scratch / "home")
        course = copy_course(scratch / "course")
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write("\nc.CollectApp.check_owner = False\n")
        nbgrader(course, "generate_assignment", EXERCISE, "--force")
        nbgrader(course, "release_assignment", EXERCISE, f"--Exchange.root={scratch / 'exchange'}")
        cells = code_cells(course)
        try:
            with (
                postgres_database("gradebook") as gradebook_url,
                local_hub(scratch, course, gradebook_url, [TRAINER], names) as hub,
                sync_playwright() as playwright,
            ):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                say("de hub zonder vrijwilligers")
                time.sleep(10)  # the site's preheated kernels
                base = hub_only(hub)
                say(f"  {comma(base[0], 0)} MB")
                volunteers, pages = [], []
                with machine_use() as use:
                    for name in names:
                        volunteers.append(volunteer_steps(hub, name, browser, cells))
                        pages.append(open_module(hub, browser))
                        steps = volunteers[-1].steps
                        say(
                            f"  {name}: "
                            + ", ".join(
                                f"{k} {comma(s.pss_mb, 0)} MB {comma(s.cpu_s, 1)} CPU-s"
                                for k, s in steps.items()
                            )
                        )
                    say(f"stilstand: {idle_seconds:.0f} s")
                    idle = idle_cpu(hub, names, idle_seconds)
                after = hub_only(hub)[1]
                site_mb = sum(after[p] - base[1][p] for p in SITE_PARTS) / len(pages)
                browser.close()
        finally:
            os.environ.clear()
            os.environ.update(saved)
            shutil.rmtree(scratch / "home", ignore_errors=True)
    facts = machine(
        {
            "jupyterhub": version("jupyterhub"),
            "jupyterlab": version("jupyterlab"),
            "nbgrader": version("nbgrader"),
        },
        {"loadavg na afloop": comma(load1())},
    )
    return HubResults(
        volunteers=volunteers,
        hub_alone=base[1],
        site_mb=site_mb,
        idle_per_min=idle,
        use=use,
        facts=facts,
    )
