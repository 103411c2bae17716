"""The load test without a browser: many learners answering over the kernel protocol."""

from __future__ import annotations

import asyncio
import contextlib
import random
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from benchmarks.common import (
    MB,
    MachineUse,
    comma,
    cpu_seconds,
    load1,
    machine_use,
    pss_bytes,
    rss_bytes,
    say,
)
from benchmarks.voila.protocol import LearnerSession, find_quizzes, kernel_socket, page_kernel
from benchmarks.voila.results import Learner, LoadCpu, LoadRun, Memory, percentile
from benchmarks.voila.servers import Server, wait_until_quiet


@dataclass(frozen=True)
class LoadPlan:
    learners: int
    ramp: float
    variant: str = ""  # "", "burst" (everyone at once) or "nagle" (without TCP_NODELAY)


async def _learner(
    learner: Learner,
    server: Server,
    module: str,
    arrive: float,
    everyone_ready: asyncio.Event,
    ready_count: list[int],
    total: int,
    items: int,
    think: tuple[float, float],
    rng: random.Random,
    timeout: float,
) -> None:
    def one_ready() -> None:
        ready_count[0] += 1
        if ready_count[0] >= total:
            everyone_ready.set()

    await asyncio.sleep(arrive)
    started = time.perf_counter()
    try:
        async with httpx.AsyncClient(timeout=timeout * 6) as client:
            response = await client.get(f"{server.url}/voila/render/{module}")
        learner.page_seconds = time.perf_counter() - started
        learner.kernel_id = page_kernel(response.status_code, response.text)
        cookie = "; ".join(f"{name}={value}" for name, value in response.cookies.items())
        async with kernel_socket(server.url, learner.kernel_id, cookie, timeout) as websocket:
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


def memory_now(server: Server) -> Memory:
    kernels = server.kernels()
    return Memory(
        server_rss=rss_bytes(server.pid) / MB,
        server_pss=pss_bytes(server.pid) / MB,
        kernels=len(kernels),
        kernels_rss=sum(rss_bytes(p) for p in kernels.values()) / MB,
        kernels_pss=sum(pss_bytes(p) for p in kernels.values()) / MB,
    )


async def _load_run(
    server: Server,
    module: str,
    plan: LoadPlan,
    items: int,
    think: tuple[float, float],
    timeout: float,
    seed: int,
    use: MachineUse,
) -> LoadRun:
    """One run; ``use`` is filled in by the caller's ``machine_use`` around it."""
    learners, ramp = plan.learners, plan.ramp
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
    peak: list[Memory] = []

    async def peak_when_clicking() -> None:
        # Memory at its fullest: everyone has a page and has clicked for a while.
        await everyone_ready.wait()
        await asyncio.sleep(min(30.0, items * sum(think)))
        peak.append(memory_now(server))

    peak_task = asyncio.create_task(peak_when_clicking())
    tasks = [
        asyncio.create_task(
            _learner(
                learner,
                server,
                module,
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
    return LoadRun(
        learners=learners,
        ramp=ramp,
        variant=plan.variant,
        results=results,
        wall=wall,
        click_window=click_window,
        baseline=baseline,
        peak=peak[0] if peak else memory_now(server),
        new_kernels=len(new_kernels),
        cpu=LoadCpu(
            server=cpu_seconds(server.pid) - server_cpu,
            kernels_total=kernel_cpu_total,
            kernels_clicks=kernel_cpu_clicks,
            actions=sum(r.actions for r in results),
            answers=sum(len(r.latencies) for r in results),
            benchmark=(self_after.ru_utime + self_after.ru_stime)
            - (self_cpu.ru_utime + self_cpu.ru_stime),
        ),
        use=use,
        samples=samples,
    )


def load_test(
    make_server: Callable[[str, bool], Server],
    module: str,
    plans: Sequence[LoadPlan],
    items: int,
    think: tuple[float, float],
    timeout: float,
    quiet_wait: float,
) -> list[LoadRun]:
    """Each plan on a fresh server from ``make_server(name, without_tcp_nodelay)``."""
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
                    _load_run(server, module, plan, items, think, timeout, learners, use)
                )
            lat = run.latencies
            say(
                f"  {learners}: p50 {percentile(lat, 0.5):.0f} ms, p95 "
                f"{percentile(lat, 0.95):.0f} ms, fouten {len(run.errors)}, "
                f"pagina p95 {percentile(run.page_seconds(), 0.95):.1f} s, "
                f"kernels {run.peak.kernels:.0f}"
            )
            for error in sorted(set(run.errors))[:5]:
                say(f"    fout: {error} ({run.errors.count(error)}x)")
            runs.append(run)
        finally:
            server.stop()
    return runs
