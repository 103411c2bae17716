"""A page's kernel gives a visitor nothing to work with (issue 13): raw HTTP and websocket.

No traceback reaches the page, whatever a script sends to the widgets; the kernel listens
on no TCP port that README does not name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from coursekit.text import learner
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
)

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
