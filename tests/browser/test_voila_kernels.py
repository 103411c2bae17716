"""A page's kernel gives a visitor nothing to work with (issue 13): raw HTTP and websocket.

No traceback reaches the page, whatever a script sends to the widgets; the kernel listens
on no TCP port that README does not name; only the page that owns a kernel can use it.
"""

from __future__ import annotations

import http.client
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import websocket

from coursekit.text import learner
from tests.support.course import ROOT
from tests.support.kernel_socket import (
    MODULE,
    Page,
    get,
    kernel_id,
    kernel_pid,
    load_page,
    message,
    messages_until,
    open_socket,
    replies_to,
)
from tests.support.servers import serve

# What a traceback carries: its heading, a frame, a path on the server.
TRACE_MARKS = ("Traceback", 'File "', "site-packages", ".py", "/work/", "/usr/", "\\u001b[")


def _model_ids(page_body: str) -> list[str]:
    return sorted(set(re.findall(r'"model_id": "([0-9a-f]{32})"', page_body)))


def test_odd_widget_messages_get_a_dutch_sentence_and_no_traceback(voila_url: str) -> None:
    response = get(f"{voila_url}/voila/render/{MODULE}")
    page = Page(kernel_id(response.body), response.cookies)
    models = _model_ids(response.body)
    assert models, "the page shows widgets"
    socket = open_socket(voila_url, page)
    odd = [
        {"no method": True},  # KeyError in ipywidgets' _handle_msg
        {"method": "update", "state": {"layout": "IPY_MODEL_bestaat-niet"}},
        {"method": "update", "state": {"children": ["IPY_MODEL_x"]}},
        {"method": "custom", "content": {"event": "click"}},
    ]
    sent: set[str] = set()
    try:
        for data in odd:
            for model in models:
                msg_id, raw = message("comm_msg", {"comm_id": model, "data": data})
                socket.send(raw)
                sent.add(msg_id)
        opened, raw = message(
            "comm_open",
            {"comm_id": "x", "target_name": "jupyter.widget", "data": {"state": {}}},
        )
        socket.send(raw)
        sent.add(opened)
        received = messages_until(socket, sent, 60, idle=set(sent))
    finally:
        socket.close()
    text = json.dumps(received, ensure_ascii=False)
    errors = [m for m in received if m["header"]["msg_type"] == "error"]  # type: ignore[index]
    assert errors, "the odd messages did fail in the kernel"
    assert learner.ERROR_IN_PAGE in text
    leaked = [mark for mark in TRACE_MARKS if mark in text]
    assert leaked == [], text[:2000]


def _listening_tcp_inodes() -> set[str]:
    """Socket inodes in state LISTEN (0A), IPv4 and IPv6."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def test_a_page_kernel_listens_on_no_tcp_port(voila_url: str) -> None:
    page = load_page(voila_url)
    socket = open_socket(voila_url, page)  # the page as a browser has it: connected
    try:
        pid = kernel_pid(page.kernel)
        assert pid is not None, "the kernel's process is found"
        listening = _socket_inodes(pid) & _listening_tcp_inodes()
        assert listening == set(), "README names no TCP port of a kernel"
    finally:
        socket.close()


def _request(voila_url: str, method: str, path: str, page: Page) -> int:
    """``method`` on ``path`` with the page's cookies and its own ``_xsrf`` token, as
    JupyterLab's code on the page sends it."""
    xsrf = dict(pair.split("=", 1) for pair in page.cookies.split("; "))["_xsrf"]
    parts = urlsplit(voila_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    headers = {"Cookie": page.cookies, "X-XSRFToken": xsrf, "Origin": voila_url}
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def _with_xsrf(voila_url: str, page: Page) -> Page:
    """The page with the ``_xsrf`` cookie its browser gets from the index."""
    index = get(voila_url + "/", {"Cookie": page.cookies})
    assert "_xsrf=" in index.cookies
    return Page(page.kernel, f"{page.cookies}; {index.cookies}")


def _kernel_answers(voila_url: str, page: Page) -> bool:
    socket = open_socket(voila_url, page)
    try:
        msg_id, raw = message("kernel_info_request", {})
        socket.send(raw)
        return "kernel_info_reply" in replies_to(socket, msg_id, 90)
    finally:
        socket.close()


def test_only_the_page_that_owns_a_kernel_can_connect_or_shut_it_down(voila_url: str) -> None:
    owner = _with_xsrf(voila_url, load_page(voila_url))
    other = _with_xsrf(voila_url, load_page(voila_url))  # another browser, its own cookies
    stolen = Page(owner.kernel, other.cookies)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        open_socket(voila_url, stolen)
    assert refused.value.status_code == 403
    no_cookie = Page(owner.kernel, "")
    with pytest.raises(websocket.WebSocketBadStatusException):
        open_socket(voila_url, no_cookie)
    assert _request(voila_url, "DELETE", f"/api/kernels/{owner.kernel}", stolen) == 403
    assert _request(voila_url, "POST", f"/voila/api/shutdown/{owner.kernel}", stolen) == 403
    assert _request(voila_url, "GET", f"/api/kernels/{owner.kernel}", stolen) == 403
    assert _kernel_answers(voila_url, owner), "the owner's kernel lives on and answers"
    second_tab = load_page(voila_url, {"Cookie": owner.cookies})
    assert "_pagina" not in second_tab.cookies, "a second tab keeps the browser's session"
    assert _kernel_answers(voila_url, Page(second_tab.kernel, owner.cookies)), "a second tab"
    assert _request(voila_url, "POST", f"/voila/api/shutdown/{owner.kernel}", owner) == 204
    assert kernel_pid(owner.kernel) is None or _gone(owner.kernel)


def _gone(kernel: str) -> bool:
    """Whether the kernel's process has ended; waits for it, not for a fixed time."""
    deadline = time.monotonic() + 60
    while kernel_pid(kernel) is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    return kernel_pid(kernel) is None


@pytest.fixture
def quick_culler(jupyter_home: Path) -> Iterator[tuple[str, Path]]:
    """A server whose idle culler runs every second and culls after 2 s (300 s in voila.json)."""
    log = jupyter_home / "voila-culler.log"
    settings = [
        "--MappingKernelManager.cull_idle_timeout=2",
        "--MappingKernelManager.cull_interval=1",
    ]
    for url in serve("modules", ROOT, log, settings):
        yield url, log


def _culled(log: Path, kernel: str) -> bool:
    return any("Culling" in line and kernel in line for line in log.read_text().splitlines())


def test_a_kernel_handed_to_a_page_is_not_culled_before_the_page_connects(
    quick_culler: tuple[str, Path],
) -> None:
    """The race of issue 16: a preheated kernel, idle in the pool for longer than the culling
    time, was culled between the page's HTML and its websocket.

    The page gets the pool's kernel (started when the server started) and does not connect
    yet, as a slow phone does. A second page's kernel, started after it, connects and
    disconnects: the culler takes it after 2 s. The culler looks at kernels in the order they
    were started, so by then it has looked at the first page's kernel too.
    """
    url, log = quick_culler
    waiting = load_page(url)
    canary = load_page(url)
    assert canary.kernel != waiting.kernel
    assert _kernel_answers(url, canary)  # connected, then closed: idle from now on
    deadline = time.monotonic() + 120
    while not _culled(log, canary.kernel) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _culled(log, canary.kernel), "the culler runs on this server"
    assert not _culled(log, waiting.kernel), "the waiting page's kernel was culled"
    assert _kernel_answers(url, waiting), "the page connects late and its kernel answers"
