"""A page's kernel as a script sees it: a raw websocket and messages written by hand."""

from __future__ import annotations

import json
import os
import re
import signal
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import websocket

MODULE = "06-wat-niet-helpt.ipynb"


@dataclass
class Response:
    status: int
    body: str
    headers: Message

    @property
    def cookies(self) -> str:
        """The cookies it sets, as a ``Cookie`` header sends them back."""
        pairs = [c.split(";", 1)[0] for c in self.headers.get_all("Set-Cookie") or []]
        return "; ".join(pairs)


def get(url: str, headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read().decode("utf-8", "replace")
            return Response(response.status, body, response.headers)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode("utf-8", "replace"), error.headers)


@dataclass
class Page:
    """A module page as a script loads it: its kernel and the cookies it was given."""

    kernel: str
    cookies: str


def load_page(voila_url: str, headers: dict[str, str] | None = None) -> Page:
    response = get(f"{voila_url}/voila/render/{MODULE}", headers)
    assert response.status == 200, (response.status, response.body[:300])
    return Page(kernel_id(response.body), response.cookies)


def kernel_id(body: str) -> str:
    """The kernel id a rendered module page names."""
    (found,) = re.findall(r'"kernelId": "([0-9a-f-]+)"', body)[:1]
    return found


def open_socket(voila_url: str, page: Page) -> websocket.WebSocket:
    """The websocket of the page's kernel, opened as the page's own script would."""
    ws_url = voila_url.replace("http://", "ws://") + f"/api/kernels/{page.kernel}/channels"
    return websocket.create_connection(
        f"{ws_url}?session_id={uuid.uuid4()}",
        origin=voila_url,
        timeout=10,
        cookie=page.cookies or None,
    )


def message(msg_type: str, content: dict[str, object]) -> tuple[str, str]:
    msg_id = str(uuid.uuid4())
    header = {
        "msg_id": msg_id,
        "msg_type": msg_type,
        "session": str(uuid.uuid4()),
        "username": "bezoeker",
        "date": "2026-11-26T12:00:00Z",
        "version": "5.3",
    }
    body = {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }
    return msg_id, json.dumps(body)


def replies_to(socket: websocket.WebSocket, msg_id: str, seconds: float) -> list[str]:
    """The message types that answer ``msg_id`` until the kernel is idle after it and its
    shell reply has come, at most ``seconds``. The reply (shell channel) and the idle status
    (IOPub) travel separately, so either may arrive first."""
    found = messages_until(socket, {msg_id}, seconds, idle={msg_id}, reply=True)
    return [m["header"]["msg_type"] for m in found]  # type: ignore[index]


def messages_until(
    socket: websocket.WebSocket,
    msg_ids: set[str],
    seconds: float,
    idle: set[str] | None = None,
    reply: bool = False,
) -> list[dict[str, object]]:
    """The messages that answer any of ``msg_ids`` within ``seconds``; with ``idle``,
    stop as soon as the kernel has reported idle after each of those ids (and, with
    ``reply``, also sent each one's ``*_reply``)."""
    found: list[dict[str, object]] = []
    waiting = set(idle or ())
    unanswered = set(idle or ()) if reply else set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (idle is None or waiting or unanswered):
        socket.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            raw = socket.recv()
        except (websocket.WebSocketTimeoutException, TimeoutError):
            break
        message = json.loads(raw) if isinstance(raw, str) else {}
        parent = message.get("parent_header", {}).get("msg_id")
        if parent in msg_ids:
            found.append(message)
            state = message.get("content", {}).get("execution_state")
            if message["header"]["msg_type"] == "status" and state == "idle":
                waiting.discard(parent)
            if message["header"]["msg_type"].endswith("_reply"):
                unanswered.discard(parent)
    return found


def kernel_pid(kernel: str) -> int | None:
    """The process of ``kernel``: the one whose command names its connection file."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if f"kernel-{kernel}.json" in cmdline:
            return int(proc.name)
    return None


def kill_page_kernel(page: Any) -> str:
    """Kill the kernel of a module page open in Playwright (``page``), as the machine or the
    culler would end it under the page: SIGKILL to its process. Returns its id."""
    kernel = str(
        page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
    )
    pid = kernel_pid(kernel)
    assert pid is not None, f"no process for kernel {kernel}"
    os.kill(pid, signal.SIGKILL)
    return kernel
