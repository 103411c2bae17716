"""A class at once: N learners open the same module in the same second (protocol level).

Each learner is a client of its own (its own HTTP client, so its own cookies): it GETs the
module page, opens its kernel's websocket with the page's cookies and asks for the widget
state as the ipywidgets frontend does. The page is *usable* when the state is in and holds
the module's quiz buttons. Measured per learner from the moment it starts: the HTML
document, the open websocket, usable; per page, the CPU seconds of its kernel when usable
(starting the kernel and running the module, also when that happened before the class came,
in a preheated pool) and a share of the Voila process's CPU seconds from the first request
until the last page was usable (rendering, websockets, and refilling the pool).

Two runs, each on a fresh server: our settings as they are (``default``), and a pool sized
for the class (``sized``): the course's own setting (``LessonPools.lessons``, a lesson of N
kernels for the module that runs now) where the code has it, else Voila's
``VoilaKernelManager.kernel_pools_config`` with ``pool_size`` N for the module; the server
waits until the pool is full before the class comes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from benchmarks.common import MB, comma, cpu_seconds, load1, machine_use, rss_bytes, say
from benchmarks.voila.protocol import LearnerSession, find_quizzes, kernel_socket, page_kernel
from benchmarks.voila.results import ClassLearner, ClassRun, percentile
from benchmarks.voila.servers import Server, wait_until_quiet

LATE_FILL = 120  # s


def sized_pool(module: str, size: int, how: str = "voila") -> tuple[list[str], dict[str, Any]]:
    """How to preheat ``size`` kernels for ``module``: (Voila options, sections for a copy of
    voila.json). ``how="voila"``: Voila's own option (one kernel for the other modules).
    ``how="lesson"``: the course's lesson setting, in voila.json as a trainer writes it, for
    a lesson that started an hour ago and ends in three hours (server time); Voila's command
    line cannot set it (a list of dicts arrives as a list of strings)."""
    if how == "lesson":
        now = dt.datetime.now()
        lesson = {
            "module": module,
            "kernels": size,
            "from": (now - dt.timedelta(hours=1)).strftime("%H:%M"),
            "until": (now + dt.timedelta(hours=3)).strftime("%H:%M"),
        }
        return [], {"LessonPools": {"lessons": [lesson]}}
    pools = {"default": {"pool_size": 1}, module: {"pool_size": size}}
    return ["--VoilaKernelManager.kernel_pools_config=" + json.dumps(pools)], {}


def pool_setting() -> str:
    """ "lesson" when the course has its lesson setting (``coursekit.site.lesson_pools``)."""
    return "lesson" if importlib.util.find_spec("coursekit.site.lesson_pools") else "voila"


async def _learner(
    learner: ClassLearner, server: Server, module: str, origin: float, timeout: float
) -> None:
    await asyncio.sleep(learner.start)
    started = time.perf_counter()
    learner.start = started - origin
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(f"{server.url}/voila/render/{module}")
            learner.page = time.perf_counter() - origin
            learner.kernel_id = page_kernel(response.status_code, response.text)
            cookie = "; ".join(f"{c.name}={c.value}" for c in client.cookies.jar)
        async with kernel_socket(server.url, learner.kernel_id, cookie, timeout) as websocket:
            learner.socket = time.perf_counter() - origin
            session = LearnerSession(websocket)
            reader = asyncio.create_task(session.reader())
            try:
                states = await session.request_states(timeout)
                if not find_quizzes(states):
                    raise RuntimeError("geen vragen in de widgetstatus")
                learner.usable = time.perf_counter() - origin
                pid = server.kernels().get(learner.kernel_id)
                learner.kernel_cpu = cpu_seconds(pid) if pid else 0.0
            finally:
                reader.cancel()
    except Exception as error:
        learner.error = f"{type(error).__name__}: {str(error)[:120]}"


async def _class(
    server: Server, module: str, size: int, spread: float, timeout: float
) -> tuple[list[ClassLearner], float, float]:
    learners = [
        ClassLearner(n, start=spread * n / max(1, size - 1) if size > 1 else 0.0)
        for n in range(size)
    ]
    server_before = cpu_seconds(server.pid)
    origin = time.perf_counter()
    await asyncio.gather(*(_learner(x, server, module, origin, timeout) for x in learners))
    server_cpu = cpu_seconds(server.pid) - server_before
    return learners, server_cpu, time.perf_counter() - origin


def wait_for_pool(server: Server, kernels: int, timeout: float) -> int:
    """Wait until the server has ``kernels`` kernels and is idle; returns how many it has."""
    deadline = time.monotonic() + timeout
    while len(server.kernels()) < kernels and time.monotonic() < deadline:
        time.sleep(1)
    server.settle(max(10.0, deadline - time.monotonic()))
    return len(server.kernels())


def class_at_once(
    make_server: Callable[[str, Sequence[str], dict[str, Any]], Server],
    module: str,
    modules: int,
    size: int,
    spread: float,
    timeout: float,
    quiet_wait: float,
    how: str = "",
    late: bool = True,
) -> list[ClassRun]:
    """The default run and the sized run; ``modules``: notebooks with a pool of their own;
    ``how``: "voila" or "lesson" (see ``sized_pool``), by default what the code has.
    ``make_server(name, options, voila_json_sections)``."""
    runs: list[ClassRun] = []
    sized, config = sized_pool(module, size, how or pool_setting())
    plans: list[tuple[str, list[str], dict[str, Any]]] = [
        ("default", [], {}),
        ("sized", sized, config),
    ]
    if late:
        # The same pool, but Voila refills it only after LATE_FILL s: shows what starting N
        # new kernels while the class arrives costs the class.
        late_fill = f"--VoilaKernelManager.fill_delay={LATE_FILL}"
        plans.append(("sized-late", [*sized, late_fill], config))
    for label, extra, sections in plans:
        server = make_server(f"klas-{label}", extra, sections)
        try:
            pool = 1 if label == "default" else size
            have = wait_for_pool(server, modules - 1 + pool, 120 + 10 * pool)
            kernels = server.kernels()
            idle_rss = sum(rss_bytes(p) for p in kernels.values()) / MB / max(1, len(kernels))
            wait_until_quiet(quiet_wait)
            say(
                f"een klas tegelijk ({label}): {size} cursisten binnen {comma(spread, 1)} s, "
                f"{have} kernels klaar (loadavg {comma(load1())})"
            )
            with machine_use() as use:
                learners, server_cpu, wall = asyncio.run(
                    _class(server, module, size, spread, timeout)
                )
            run = ClassRun(
                label=label,
                module=module,
                pool_size=pool,
                learners=learners,
                server_cpu=server_cpu,
                kernels_idle_rss=idle_rss,
                wall=wall,
                use=use,
                server_args=[*extra]
                + ([f"voila.json: {json.dumps(sections)}"] if sections else []),
            )
            usable = run.usable()
            say(
                f"  {label}: bruikbaar p50 {comma(percentile(usable, 0.5), 1)} s, p95 "
                f"{comma(percentile(usable, 0.95), 1)} s, {comma(run.cpu_per_page(), 2)} CPU-s "
                f"per pagina, fouten {len(run.errors())}"
            )
            for error in sorted(set(run.errors()))[:5]:
                say(f"    fout: {error} ({run.errors().count(error)}x)")
            runs.append(run)
        finally:
            server.stop()
    return runs
