"""The site holds under abuse (issue 13): kernels of pages that never connect are reclaimed,
and caps on kernels in total and per client answer with the Dutch "het is nu druk" page.

Each test runs its own Voila (`make serve`'s command) with small settings, and waits for
states, never for fixed times.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from coursekit.content.facts import facts
from coursekit.content.kinds import STATEMENTS, packaged_items
from coursekit.text import learner
from tests.support.course import BIN, ROOT
from tests.support.kernel_socket import MODULE, get, kernel_id, kernel_pid
from tests.support.servers import free_port, run_server

# A flood for two cores: each page starts a kernel and runs the module (about 0.9 CPU-s).
# (The review of issue 13 used 60; 24 shows the same and costs the suite half a minute less.)
SCRIPTED_PAGES = 24


def _serve(jupyter_home: Path, name: str, *settings: str) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "voila"), "modules", f"--port={port}", *settings]
    log = jupyter_home / f"voila-{name}.log"
    for _ in run_server(command, ROOT, log, url + "/"):
        yield url


@pytest.fixture
def small_grace(jupyter_home: Path) -> Iterator[str]:
    yield from _serve(
        jupyter_home,
        "grace",
        "--PageKernels.unconnected_grace=20",
        # Idle culling (300 s) would reclaim them too, later: here only the grace period can.
        "--MappingKernelManager.cull_idle_timeout=3600",
        "--PageKernels.check_interval=1",
        f"--PageKernels.max_kernels={SCRIPTED_PAGES + 40}",
        f"--PageKernels.max_kernels_per_client={SCRIPTED_PAGES + 10}",
    )


@pytest.mark.browser
def test_pages_that_never_connect_are_reclaimed_while_a_learner_keeps_working(
    browser: Browser, small_grace: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{small_grace}/voila/render/{MODULE}")
    quiz = page.locator(".coursekit-statementsort").first
    helpful = quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True)
    expect(helpful).to_be_visible(timeout=60_000)

    def scripted_load(_: int) -> str:
        response = get(f"{small_grace}/voila/render/{MODULE}")  # no JavaScript, no socket
        assert response.status == 200, response.status
        return kernel_id(response.body)

    with ThreadPoolExecutor(max_workers=6) as pool:
        loads = pool.map(scripted_load, range(SCRIPTED_PAGES))
        # Meanwhile the learner answers a question and gets feedback.
        shown = quiz.locator(".coursekit-statement").inner_text()
        statement = next(s for s in packaged_items(STATEMENTS) if s.text in shown)
        helpful.click()
        verdict = learner.CORRECT if statement.label.value == "helpful" else learner.INCORRECT
        expect(quiz.get_by_text(verdict).first).to_be_visible(timeout=60_000)
        kernels = list(loads)
    assert len(set(kernels)) == SCRIPTED_PAGES, "each scripted page got a kernel"

    deadline = time.monotonic() + 300
    while any(kernel_pid(k) for k in kernels) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = [k for k in kernels if kernel_pid(k)]
    assert left == [], f"{len(left)} kernels of pages that never connected are still running"

    # The learner's page, whose socket is open, kept its kernel: the next question works.
    quiz.get_by_role("button", name=learner.NEXT).click()
    expect(helpful).to_be_enabled()
    helpful.click()
    expect(
        quiz.get_by_text(learner.YOU_CHOSE.format(answer=learner.LABEL_HELPFUL)).first
    ).to_be_visible()
    page.close()


@pytest.fixture
def small_caps(jupyter_home: Path) -> Iterator[str]:
    yield from _serve(
        jupyter_home,
        "caps",
        "--PageKernels.max_kernels_per_client=2",
        "--PageKernels.max_kernels=14",
        "--PageKernels.trust_forwarded_for=True",
    )


def _load_as(url: str, forwarded_for: str) -> tuple[int, str, str | None]:
    response = get(f"{url}/voila/render/{MODULE}", {"X-Forwarded-For": forwarded_for})
    return response.status, response.body, response.headers.get("Retry-After")


def _is_busy_page(status: int, body: str, retry_after: str | None) -> bool:
    assert status == 503, (status, body[:200])
    assert retry_after is not None and int(retry_after) > 0
    assert '<html lang="nl">' in body and learner.ERROR_BUSY_TITLE in body
    assert learner.ERROR_BUSY in body and "Snel weg" in body
    assert all(line.number in body for line in facts().help_bar_lines())
    assert "Traceback" not in body and "kernelId" not in body
    return True


def test_a_client_over_its_cap_gets_the_dutch_busy_page(small_caps: str) -> None:
    for _ in range(2):
        assert _load_as(small_caps, "10.0.0.1")[0] == 200
    assert _is_busy_page(*_load_as(small_caps, "10.0.0.1"))
    # The browser chooses the first entries; the proxy's own (the last) counts.
    assert _is_busy_page(*_load_as(small_caps, "10.9.9.9, 10.0.0.1"))
    assert _load_as(small_caps, "10.0.0.2")[0] == 200, "another client is not refused"


def test_the_server_over_its_total_cap_gets_the_dutch_busy_page(small_caps: str) -> None:
    results = [_load_as(small_caps, f"10.1.0.{n}") for n in range(1, 16)]
    served = [r for r in results if r[0] == 200]
    refused = [r for r in results if r[0] != 200]
    assert refused, "the total cap refused some"
    assert len(served) < 14, "never more kernels than max_kernels, preheated ones included"
    assert all(_is_busy_page(*r) for r in refused)


@pytest.fixture
def one_by_one(jupyter_home: Path) -> Iterator[tuple[str, Path]]:
    """No preheated kernels (each page starts its own and runs the module) and a cap of 2."""
    for url in _serve(
        jupyter_home,
        "overlap",
        "--VoilaConfiguration.preheat_kernel=False",
        "--PageKernels.max_kernels_per_client=2",
    ):
        yield url, jupyter_home / "voila-overlap.log"


def test_a_page_being_built_counts_once_toward_its_clients_cap(
    one_by_one: tuple[str, Path],
) -> None:
    """A page that has its kernel and is still running the module is an owner, not also a
    pending request: before, it counted twice, and a class of 30 behind one school address
    got "het is nu druk" for some learners when they came in the same second."""
    url, log = one_by_one
    page = f"{url}/voila/render/{MODULE}"
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(get, page)
        deadline = time.monotonic() + 60
        while "Kernel started" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not first.done(), "the first page is still being built"
        assert get(page).status == 200, "the second page of the same client"
        assert first.result().status == 200
