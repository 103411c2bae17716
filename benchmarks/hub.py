"""Memory and CPU per volunteer on the course's JupyterHub, and what a machine holds.

Runs the course's real hub (deploy/jupyterhub, started by tests/hub/local_hub.py, with a
throwaway PostgreSQL) on loopback. First the hub alone (hub, proxy, formgrader service,
the Voila site with its preheated kernels, the idle culler). Then, one volunteer after the
other, what their own server costs at each step a volunteer takes:

1. log in: the hub starts their JupyterLab server (idle, nothing open);
2. JupyterLab in headless Chromium: what serving the page costs the server (the browser
   itself runs on the volunteer's computer and is not counted);
3. fetch the exercise, open it and run it in a kernel, as "Run all" does (the
   widgets, the questions file, the answers file), answer, and submit.

PSS (shared pages divided fairly) is read from /proc for every process of a volunteer's
server and its kernel; CPU time likewise. The per-volunteer figures are medians over the
volunteers. The baseline is the hub without volunteers, in the same run.

    .venv/bin/python benchmarks/hub.py                  # 8 volunteers
    .venv/bin/python benchmarks/hub.py --volunteers 3   # quicker
    .venv/bin/python benchmarks/hub.py --write-docs     # also update docs/performance.md
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from common import (  # noqa: E402
    MB,
    MachineUse,
    cmdline,
    comma,
    cpu_seconds,
    environ,
    isolated_jupyter,
    load1,
    machine,
    machine_use,
    pss_bytes,
    say,
    tree,
)
from performance_doc import write_section  # noqa: E402
from tornado.httpclient import HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402

from coursekit.answers import answers_json, answers_path  # noqa: E402
from coursekit.hub import COURSE_ID  # noqa: E402
from tests.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    copy_course,
)
from tests.grading.nbgrader_helpers import EXERCISE, answer_key, nbgrader  # noqa: E402
from tests.hub.local_hub import Hub, User, local_hub, log_in_with_form  # noqa: E402
from tests.postgres import postgres_database  # noqa: E402

HEADING = "## JupyterHub: geheugen en processor per vrijwilliger"
MARGIN = 1.3  # memory headroom over the measured PSS
SYSTEM_GB = 2  # the operating system, PostgreSQL, nginx
ARRIVAL_S = 60.0  # a group that starts together logs in within a minute
TRAINER = "trainer"


@dataclass
class Step:
    """What one volunteer's processes cost after one step."""

    pss_mb: float
    cpu_s: float
    wall_s: float


@dataclass
class Volunteer:
    name: str
    steps: dict[str, Step] = field(default_factory=dict)


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
        page.wait_for_url(f"**/user/{name}/lab**", timeout=120_000)
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
    return statistics.median((_cpu(hub, n) - before[n]) * 60 / seconds for n in names)


def report(
    volunteers: list[Volunteer],
    base: tuple[float, dict[str, float]],
    site_mb: float,
    idle_per_min: float,
    use: MachineUse,
    facts: dict[str, str],
) -> str:
    def med(step: str, attr: str) -> float:
        return statistics.median(getattr(v.steps[step], attr) for v in volunteers)

    total, parts = base
    server, lab, active = (med(s, "pss_mb") for s in ("server", "lab", "active"))
    start_cpu = sum(med(s, "cpu_s") for s in ("server", "lab", "active"))
    rows = [
        f"| ingelogd, server gestart (niets open) | {comma(server, 0)} | {comma(med('server', 'cpu_s'), 1)} | {comma(med('server', 'wall_s'), 1)} |",  # noqa: E501
        f"| JupyterLab geopend in de browser | {comma(lab, 0)} | {comma(med('lab', 'cpu_s'), 1)} | {comma(med('lab', 'wall_s'), 1)} |",  # noqa: E501
        f"| opdracht opgehaald, gedraaid in een kernel, ingeleverd | {comma(active, 0)} | {comma(med('active', 'cpu_s'), 1)} | {comma(med('active', 'wall_s'), 1)} |",  # noqa: E501
    ]
    per_part = ", ".join(f"{name} {comma(mb, 0)} MB" for name, mb in sorted(parts.items()))
    per_volunteer = active + site_mb
    sizes = []
    for learners in (50, 200, 1000):
        for share, label in ((1.0, "allemaal tegelijk"), (0.25, "een kwart tegelijk")):
            at_once = max(1, round(learners * share))
            gb = (total + at_once * per_volunteer) / 1024 * MARGIN + SYSTEM_GB
            cores = max(2, math.ceil(at_once * start_cpu / ARRIVAL_S) + 1)
            if gb <= 64 and cores <= 16:
                how = "één server"
            elif gb <= 256 and cores <= 64:
                how = "één grote server, of Kubernetes"
            else:
                how = "Kubernetes met meerdere machines"
            sizes.append(
                f"| {learners} | {label} ({at_once}) | {comma(gb, 0)} GB | {cores} | {how} |"
            )
    return "\n".join(
        [
            HEADING,
            "",
            f"Gemeten op {facts['datum']} met `benchmarks/hub.py --volunteers {len(volunteers)}`: "
            "de echte hub van `deploy/jupyterhub` op 127.0.0.1 (gestart door "
            "`tests/hub/local_hub.py`, met PostgreSQL als cijferboek). Eerst de hub zonder "
            f"vrijwilligers, daarna {len(volunteers)} vrijwilligers na elkaar, elk met de stappen "
            "hieronder; de getallen per vrijwilliger zijn medianen. *PSS*: het geheugen van de "
            "server van die vrijwilliger met zijn kernel, gedeelde pagina's eerlijk verdeeld, "
            "na de stap; *CPU-s*: processortijd van die processen in de stap (de browser telt "
            "niet mee: die draait bij de vrijwilliger).",
            "",
            f"De hub zonder vrijwilligers: **{comma(total, 0)} MB** ({per_part}).",
            "",
            "| stap van een vrijwilliger | PSS na de stap (MB) | CPU-s van de stap | duur (s) |",
            "| --- | ---: | ---: | ---: |",
            *rows,
            "",
            f"Een server die niemand gebruikt (JupyterLab open, kernel klaar) kost "
            f"{comma(idle_per_min, 2)} CPU-s per minuut. Machine gemiddeld "
            f"{comma(use.busy_cores, 2)} kernen bezet, loadavg {comma(use.load_before)} "
            f"→ {comma(use.load_after)}.",
            "",
            "### Wat een machine aankan",
            "",
            f"Per vrijwilliger die bezig is: **{comma(active, 0)} MB** voor JupyterLab met de "
            f"opdracht in een kernel, plus **{comma(site_mb, 0)} MB** voor een open modulepagina "
            "op de cursussite (de groei van Voila en zijn kernels, gedeeld door het aantal "
            "open pagina's), samen "
            f"**{comma(per_volunteer, 0)} MB**. Processortijd kost vooral het begin: inloggen "
            f"en de server starten {comma(med('server', 'cpu_s'), 1)} CPU-s, JupyterLab laden "
            f"{comma(med('lab', 'cpu_s'), 1)} CPU-s, de opdracht draaien en inleveren "
            f"{comma(med('active', 'cpu_s'), 1)} CPU-s; daarna bijna niets. De "
            "`jupyterhub-idle-culler` stopt een server na een uur zonder gebruik; wie is "
            "uitgelogd, kost niets.",
            "",
            f"Rekenregel: geheugen = (hub + vrijwilligers tegelijk maal "
            f"{comma(per_volunteer, 0)} MB) maal {comma(MARGIN, 1)} (marge) + {SYSTEM_GB} GB "
            f"(systeem, PostgreSQL). Kernen: een vrijwilliger die begint, kost samen "
            f"{comma(start_cpu, 1)} CPU-s (inloggen, JupyterLab, de opdracht); komt een groep "
            f"binnen {ARRIVAL_S:.0f} s binnen, dan is dat groep maal {comma(start_cpu, 1)} / "
            f"{ARRIVAL_S:.0f} kernen, plus één voor de hub en de rest, minstens 2. Klikken en "
            "lezen kosten daarna bijna niets.",
            "",
            "| vrijwilligers | tegelijk bezig | geheugen | kernen | aanpak |",
            "| ---: | --- | ---: | ---: | --- |",
            *sizes,
            "",
            "*Aanpak*: tot 64 GB en 16 kernen één server met de configuratie van "
            "`deploy/jupyterhub`; tot 256 GB en 64 kernen kan één grote server nog, maar dan is "
            "Kubernetes (Zero to JupyterHub, zie `deploy/jupyterhub/README.md`, met de "
            "geheugengarantie per vrijwilliger van hierboven) vaak handiger; daarboven "
            "Kubernetes met meerdere machines. Deze groottes zijn berekend uit de metingen op "
            "deze machine, niet gemeten op machines van die grootte; *een kwart tegelijk* is "
            "een aanname voor een cursus die vrijwilligers in hun eigen tempo volgen.",
            "",
            "De machine:",
            "",
            *[f"- {key}: {value}" for key, value in facts.items()],
            "",
        ]
    )


def code_cells(course: Path) -> list[str]:
    """The code a volunteer runs in the released exercise (what 'Run all' runs)."""
    released = course / "exercises" / EXERCISE / f"{EXERCISE}.ipynb"
    nb = nbformat.read(released, as_version=4)
    # The grade cells check answers the benchmark has not clicked; they run at autograde.
    return [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("grade")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--volunteers", type=int, default=8)
    parser.add_argument("--idle", type=float, default=30.0, help="s om stilstand te meten")
    parser.add_argument("--write-docs", action="store_true", help="schrijf docs/performance.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    names = [f"vrijwilliger{i + 1}" for i in range(args.volunteers)]
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
                    say(f"stilstand: {args.idle:.0f} s")
                    idle = idle_cpu(hub, names, args.idle)
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
    text = report(volunteers, base, site_mb, idle, use, facts)
    print(text)
    if args.write_docs:
        write_section(HEADING, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
