"""The kernel protocol as the ipywidgets frontend speaks it: widget state and Button clicks."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import connect
from websockets.typing import Origin

HELPFUL, HARMFUL, NEXT = "Helpt", "Helpt niet", "Volgende"


def _message(session: str, msg_type: str, content: dict[str, Any], **metadata: Any) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "cursist",
                "date": dt.datetime.now(dt.UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata,
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


@dataclass
class Quiz:
    """A statement sort in the widget state: its buttons and its feedback widget."""

    helpful: str
    harmful: str
    next: str
    feedback: str
    progress: str
    items: int


def page_kernel(status: int, body: str) -> str:
    """The kernel id a module page names; a page without one (a 503 when full) is an error."""
    found = re.findall(r'"kernelId": "([0-9a-f-]+)"', body)
    if status != 200 or not found:
        raise RuntimeError(f"pagina: HTTP {status}, geen kernelId")
    return str(found[0])


def kernel_socket(server_url: str, kernel_id: str, cookie: str, timeout: float) -> Any:
    """The page's kernel websocket, opened as the page's script does: with the page's own
    cookie (a kernel answers only the page it was handed to) and the site's Origin."""
    url = (
        server_url.replace("http://", "ws://")
        + f"/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
    )
    return connect(
        url,
        origin=Origin(server_url),
        additional_headers={"Cookie": cookie},
        max_size=None,
        open_timeout=timeout,
        ping_interval=None,
    )


def find_quizzes(states: dict[str, Any]) -> list[Quiz]:
    """Every statement sort, in page order, from the widget state of a module page."""

    def ref(value: str) -> str:
        return value.removeprefix("IPY_MODEL_")

    def button(model_id: str) -> str | None:
        model = states.get(model_id, {})
        if model.get("model_name") != "ButtonModel":
            return None
        description: str | None = model["state"].get("description")
        return description

    quizzes: list[Quiz] = []
    for model in states.values():
        if model.get("model_name") != "VBoxModel":
            continue
        children = [ref(c) for c in model["state"].get("children", [])]
        for index, child in enumerate(children):
            if states.get(child, {}).get("model_name") != "HBoxModel":
                continue
            buttons = {button(ref(b)): ref(b) for b in states[child]["state"].get("children", [])}
            if HELPFUL in buttons and HARMFUL in buttons and index + 2 < len(children):
                # "Vraag 1 van 8" is in a widget above the buttons (with the item, since the
                # quiz shows its heading, progress and item in one widget).
                progress, total = children[0], None
                for above in children[:index]:
                    value = str(states.get(above, {}).get("state", {}).get("value", ""))
                    total = re.search(r"Vraag \d+ van (\d+)", value)
                    if total:
                        progress = above
                        break
                quizzes.append(
                    Quiz(
                        helpful=buttons[HELPFUL],
                        harmful=buttons[HARMFUL],
                        next=children[index + 2],
                        feedback=children[index + 1],
                        progress=progress,
                        items=int(total.group(1)) if total else 1,
                    )
                )
    return quizzes


class LearnerSession:
    """One learner's kernel websocket: sends clicks, waits for the widget updates."""

    def __init__(self, websocket: Any) -> None:
        self.ws = websocket
        self.session = uuid.uuid4().hex
        self.waiters: list[tuple[str, Callable[[Any], bool], asyncio.Future[float]]] = []
        self.states: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

    async def reader(self) -> None:
        try:
            async for raw in self.ws:
                if isinstance(raw, bytes):
                    continue  # binary buffers: no widget of a sort has any
                message = json.loads(raw)
                if message.get("header", {}).get("msg_type") != "comm_msg":
                    continue
                content = message["content"]
                data = content.get("data", {})
                if data.get("method") == "update_states" and not self.states.done():
                    self.states.set_result(data.get("states", {}))
                elif data.get("method") == "update":
                    value = data.get("state", {}).get("value")
                    now = time.perf_counter()
                    for waiter in list(self.waiters):
                        comm, predicate, future = waiter
                        matches = comm == content.get("comm_id") and value is not None
                        if matches and predicate(value) and not future.done():
                            future.set_result(now)
                            self.waiters.remove(waiter)
        finally:
            error = ConnectionError("websocket gesloten")
            if not self.states.done():
                self.states.set_exception(error)
            for _comm, _predicate, future in self.waiters:
                if not future.done():
                    future.set_exception(error)

    async def send(self, msg_type: str, content: dict[str, Any], **metadata: Any) -> None:
        await self.ws.send(_message(self.session, msg_type, content, **metadata))

    async def request_states(self, timeout: float) -> dict[str, Any]:
        control = uuid.uuid4().hex
        await self.send(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            version="1.0.0",
        )
        await self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        return await asyncio.wait_for(self.states, timeout)

    async def click(
        self, comm_id: str, watch: str, predicate: Callable[[Any], bool], timeout: float
    ) -> float:
        """Send a Button click; return ms until ``watch`` gets a value that fits."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters.append((watch, predicate, future))
        started = time.perf_counter()
        await self.send(
            "comm_msg",
            {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}},
        )
        arrived = await asyncio.wait_for(future, timeout)
        return (arrived - started) * 1000
