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
from benchmarks.hub.group import group_login
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
MIJN_CURSUS = "mijn-cursus/"


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


def _landed_on_mijn_cursus(hub: Hub, name: str, browser: Any) -> Any:
    """A volunteer who logs in with the form and lands on Mijn cursus; the page stays open."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    log_in_with_form(page, hub.url, name)
    page.wait_for_url(f"**/user/{name}/mijn-cursus/**", timeout=120_000)
    page.get_by_role("heading", name="Mijn cursus").wait_for(timeout=120_000)
    page.wait_for_load_state("load")
    return page


def _hand_in(page: Any, again: bool) -> float:
    """Inleveren, confirmed: seconds from "Ja, lever in" until the page says Ingeleverd op."""
    page.get_by_role("button", name="Opnieuw inleveren" if again else "Inleveren").click()
    confirm = page.get_by_role("button", name="Ja, lever in")
    confirm.wait_for(timeout=60_000)
    started = time.perf_counter()
    confirm.click()
    page.locator("#ingeleverd").wait_for(timeout=60_000)
    return time.perf_counter() - started


def mijn_cursus_steps(
    hub: Hub, name: str, browser: Any, key: dict[str, str], hand_ins: int
) -> tuple[Volunteer, list[float], Any]:
    """Today's path without JupyterLab: Mijn cursus, the exercise page, ``hand_ins`` hand-ins.

    Returns the steps, the seconds of each hand-in, and the Mijn cursus page (kept open).
    """
    result = Volunteer(name)
    started = time.perf_counter()
    page = _landed_on_mijn_cursus(hub, name, browser)
    time.sleep(3)  # the server settles after its first request
    result.steps["server"] = _measure(hub, name, 0.0, started)

    before, started = _cpu(hub, name), time.perf_counter()
    page.goto(f"{hub.url}/user/{name}/mijn-cursus/oefening/{EXERCISE}")  # fetches it
    for item, value in key.items():
        choice = page.locator(f'input[name="vraag-{item}"][value="{value}"]')
        choice.check()
    page.locator("#reflectie").fill("Ik luister eerst en vraag wat ze nodig heeft.")
    page.get_by_role("button", name="Bewaar").click()
    page.locator("#bewaard").wait_for(timeout=60_000)
    seconds = [_hand_in(page, again=number > 0) for number in range(hand_ins)]
    time.sleep(2)
    result.steps["active"] = _measure(hub, name, before, started)
    page.goto(f"{hub.url}/user/{name}/mijn-cursus/")
    return result, seconds, page


def time_to_interactive(hub: Hub, name: str, browser: Any, rounds: int) -> dict[str, list[float]]:
    """Seconds until Mijn cursus and a module page can be used, in turns, in one browser.

    Mijn cursus is ready when it has loaded (its buttons are links and forms); a module
    page when its first quiz shows its answer buttons (the widgets need the kernel).
    """
    times: dict[str, list[float]] = {"mijn cursus": [], "modulepagina": []}
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    log_in_with_form(page, hub.url, name)
    page.wait_for_url(f"**/user/{name}/mijn-cursus/**", timeout=120_000)
    for _round in range(rounds):
        started = time.perf_counter()
        page.goto(f"{hub.url}/user/{name}/mijn-cursus/", wait_until="load")
        page.get_by_role("heading", name="Mijn cursus").wait_for()
        times["mijn cursus"].append(time.perf_counter() - started)
        started = time.perf_counter()
        page.goto(f"{hub.url}/services/cursus/voila/render/{MODULE}#mijn-cursus")
        page.locator(".coursekit-statementsort .coursekit-pressed button").first.wait_for(
            timeout=120_000
        )
        times["modulepagina"].append(time.perf_counter() - started)
    page.close()
    return times


SITE_PARTS = ("cursussite (Voila)", "kernels van de cursussite")
MODULE = "06-wat-niet-helpt.ipynb"


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
            if "ipykernel" in line or "coursekit.site.kernel" in line  # the site's own kernel
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


def measure(
    count: int, idle_seconds: float, hand_ins: int = 5, groups: tuple[int, ...] = (10, 30)
) -> HubResults:
    """``count`` volunteers on today's path (JupyterLab) and ``count`` on Mijn cursus, one
    after the other, then ``idle_seconds`` of nothing; then each of ``groups`` logging in
    at once."""
    from playwright.sync_api import sync_playwright

    names = [f"vrijwilliger{i + 1}" for i in range(count)]
    mijn_names = [f"mijncursus{i + 1}" for i in range(count)]
    group_names = [f"groep{i + 1}" for i in range(max(groups, default=0))]
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="coursekit-hub-bench-") as tmp:
        scratch = Path(tmp)
        isolated_jupyter(scratch / "home")
        course = copy_course(scratch / "course")
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write("\nc.ExchangeCollect.check_owner = False\n")
        nbgrader(course, "generate_assignment", EXERCISE, "--force")
        nbgrader(course, "release_assignment", EXERCISE, f"--Exchange.root={scratch / 'exchange'}")
        cells = code_cells(course)
        key = answer_key(course)
        everyone = [*names, *mijn_names, *group_names]
        try:
            with (
                postgres_database("gradebook") as gradebook_url,
                local_hub(scratch, course, gradebook_url, [TRAINER], everyone) as hub,
                sync_playwright() as playwright,
            ):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                say("de hub zonder vrijwilligers")
                time.sleep(10)  # the site's preheated kernels
                base = hub_only(hub)
                say(f"  {comma(base[0], 0)} MB")
                volunteers, mijn, pages, hand_in_s = [], [], [], []
                with machine_use() as use:
                    for name in names:
                        volunteers.append(volunteer_steps(hub, name, browser, cells))
                        pages.append(open_module(hub, browser))
                        _said(volunteers[-1])
                    for name in mijn_names:
                        steps, seconds, page = mijn_cursus_steps(hub, name, browser, key, hand_ins)
                        mijn.append(steps)
                        hand_in_s += seconds
                        pages += [page, open_module(hub, browser)]
                        _said(steps)
                    say(f"stilstand: {idle_seconds:.0f} s")
                    idle = idle_cpu(hub, [*names, *mijn_names], idle_seconds)
                after = hub_only(hub)[1]
                site_mb = sum(after.get(p, 0.0) - base[1].get(p, 0.0) for p in SITE_PARTS) / (
                    2 * count
                )
                say("tijd tot een pagina bruikbaar is")
                tti = time_to_interactive(hub, mijn_names[0], browser, rounds=5)
                for page in pages:
                    page.close()
                browser.close()
                logins = []
                for size in groups:
                    say(f"een groep van {size} logt tegelijk in")
                    logins.append(group_login(hub, group_names[:size], MIJN_CURSUS, "Mijn cursus"))
                    say(f"  p50 {comma(logins[-1].p50, 1)} s, p95 {comma(logins[-1].p95, 1)} s")
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
        mijn_cursus=mijn,
        hand_in_s=hand_in_s,
        tti_s=tti,
        group_logins=logins,
    )


def _said(volunteer: Volunteer) -> None:
    say(
        f"  {volunteer.name}: "
        + ", ".join(
            f"{k} {comma(s.pss_mb, 0)} MB {comma(s.cpu_s, 1)} CPU-s"
            for k, s in volunteer.steps.items()
        )
    )
