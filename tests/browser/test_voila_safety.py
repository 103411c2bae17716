"""Voila is safe by configuration: proven with raw HTTP and websocket clients, no browser.

Only modules/ is served, without sources; nothing else of the course can be fetched; a
visitor's kernel runs no code sent over its websocket; an abandoned kernel is culled.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websocket

from tests.support.course import ROOT
from tests.support.kernel_socket import get, load_page, message, open_socket, replies_to
from tests.support.servers import free_port

MODULE = "06-wat-niet-helpt.ipynb"
SECRETS = ("from coursekit", "check_answer", "BEGIN HIDDEN", "schema_version", "nbgrader")


def _get(url: str) -> tuple[int, str]:
    response = get(url)
    return response.status, response.body


@pytest.mark.parametrize(
    "path",
    [
        f"/voila/files/{MODULE}",
        f"/files/{MODULE}",
        f"/api/contents/{MODULE}",
        "/api/contents",
        "/voila/files/../solutions/wat-niet-helpt/wat-niet-helpt.ipynb",
        "/voila/files/%2e%2e/solutions/wat-niet-helpt/wat-niet-helpt.ipynb",
        "/voila/files/%2e%2e%2fnbgrader_config.py",
        "/voila/files/../coursekit/banks/statements_m6.yaml",
        "/voila/files/../gradebook.db",
        "/voila/render/../solutions/wat-niet-helpt/wat-niet-helpt.ipynb",
        "/voila/render/%2e%2e%2fexercises%2fwat-niet-helpt%2fwat-niet-helpt.ipynb",
        "/voila/tree/..",
        "/api/kernels",
    ],
)
def test_nothing_but_the_rendered_modules_can_be_fetched(voila_url: str, path: str) -> None:
    status, body = _get(voila_url + path)
    assert status != 200 or not any(secret in body for secret in SECRETS), (status, body[:300])


def test_a_module_page_carries_no_source_code(voila_url: str) -> None:
    status, body = _get(f"{voila_url}/voila/render/{MODULE}")
    assert status == 200
    assert "from coursekit import" not in body and "mastery(5)" not in body


def _kernel_socket(voila_url: str) -> websocket.WebSocket:
    """The websocket of a fresh page's kernel, opened as the page's own script would."""
    return open_socket(voila_url, load_page(voila_url))


def test_a_visitor_cannot_run_code_over_the_kernel_websocket(
    voila_url: str, tmp_path: Path
) -> None:
    marker = tmp_path / "ingebroken.txt"
    socket = _kernel_socket(voila_url)
    try:
        info_id, info = message("kernel_info_request", {})
        socket.send(info)
        assert "kernel_info_reply" in replies_to(socket, info_id, 15), "the channel works"
        code = f"open({str(marker)!r}, 'w').write('ingebroken')"
        run_id, run = message(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        socket.send(run)
        assert replies_to(socket, run_id, 5) == [], "no reply: the request never ran"
    finally:
        socket.close()
    assert not marker.exists()


def _kernels_of(pid: int) -> int:
    """How many kernels the server ``pid`` has started and not yet stopped."""
    count = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and re.search(r"kernel-[0-9a-f-]+\.json", cmdline):
            count += 1
    return count


def test_a_kernel_left_behind_by_a_closed_page_is_culled(jupyter_home: Path) -> None:
    """A closed tab does not shut its kernel down (voila#1458): culling must, here in seconds.

    The tab had connected, as every page that shows its quizzes has; a page that never
    connects is reclaimed after the grace period instead (test_voila_abuse.py)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(Path(sys.executable).parent / "voila"),
        "modules",
        f"--port={port}",
        "--VoilaConfiguration.preheat_kernel=False",
        "--MappingKernelManager.cull_idle_timeout=3",
        "--MappingKernelManager.cull_interval=1",
    ]
    log = (jupyter_home / "voila-cull.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(url + "/")[0] == 200:
                    break
            except urllib.error.URLError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "voila did not start"
            time.sleep(0.3)
        page = load_page(url)
        assert _kernels_of(server.pid) == 1, "the page started its kernel"
        open_socket(url, page).close()  # the tab connected, then it was closed
        deadline = time.monotonic() + 30
        while _kernels_of(server.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _kernels_of(server.pid) == 0, "the idle kernel was culled"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
