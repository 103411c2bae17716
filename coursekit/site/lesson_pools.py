"""Kernels ready for a lesson: "module 1, 30 kernels ready from 19:00 to 21:30".

Voila preheats one kernel per module (voila.json, ``kernel_pools_config``). When a trainer
says "open module 5", a whole class asks in the same second; with one kernel ready, the
others wait for a kernel each to start and run the module, about 0.9 CPU-s a page, on
however many cores the server has. A pool the size of the class serves them at once, but
every kernel in it costs about 65 MB while it waits, so the pool is large only during the
lesson. The setting, in voila.json::

    "LessonPools": {
      "lessons": [
        {"module": "wat-is-stalking", "kernels": 30, "from": "19:00", "until": "21:30"}
      ]
    }

``module`` is a module's id or notebook file; times are the server's local time, every day.
Outside every lesson a module has Voila's own pool size. When the lesson ends, the kernels
no page took are shut down.

During a lesson, a kernel a page took from the pool is replaced ``refill_delay`` seconds
later (2 minutes), not at once as Voila does: otherwise a class of 30 arriving in the same
second also starts 30 new kernels, and they take the cores the class's pages need
(``benchmarks.voila``: p95 8.8 s with an immediate refill, 0.4 s with a delayed one). A
replacement that has not started yet is never handed to a page: a visitor beyond the pool
gets a kernel of their own at once, as without a pool.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Dict, Float, List
from traitlets.config import LoggingConfigurable

from coursekit.content.course import course

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class LessonSettingError(ValueError):
    """A lesson in the settings that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Lesson:
    notebook: str
    kernels: int
    start: dt.time
    end: dt.time

    def active(self, now: dt.time) -> bool:
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end  # past midnight


def _time(value: object, where: str, name: str) -> dt.time:
    match = _TIME.match(str(value).strip())
    if not match:
        raise LessonSettingError(f'{where}: "{name}" is "{value}"; write a time as 19:00.')
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_lessons(entries: Iterable[Mapping[str, Any]], max_kernels: int) -> list[Lesson]:
    """The lessons of the settings, checked; a :class:`LessonSettingError` names a bad one."""
    modules = course().modules
    by_name = {m.id: m.file for m in modules} | {m.file: m.file for m in modules}
    by_name |= {m.file.removesuffix(".ipynb"): m.file for m in modules}
    lessons = []
    for number, entry in enumerate(entries, start=1):
        where = f"LessonPools.lessons, lesson {number}"
        if not isinstance(entry, Mapping):
            raise LessonSettingError(f"{where} is not a group of settings between {{ }}.")
        unknown = set(entry) - {"module", "kernels", "from", "until"}
        if unknown:
            raise LessonSettingError(f"{where}: unknown setting {', '.join(sorted(unknown))}.")
        module = str(entry.get("module", ""))
        if module not in by_name:
            raise LessonSettingError(
                f'{where}: there is no module "{module}"; use an id such as '
                f'"{modules[1].id}" or a file such as "{modules[1].file}".'
            )
        kernels = entry.get("kernels")
        if not isinstance(kernels, int) or isinstance(kernels, bool) or kernels < 0:
            raise LessonSettingError(f'{where}: "kernels" must be a whole number, such as 30.')
        if kernels > max_kernels:
            raise LessonSettingError(
                f"{where}: {kernels} kernels is more than this server allows in total "
                f"({max_kernels}, PageKernels.max_kernels)."
            )
        start = _time(entry.get("from", ""), where, "from")
        end = _time(entry.get("until", ""), where, "until")
        if start == end:
            raise LessonSettingError(f'{where}: "from" and "until" are the same time.')
        lessons.append(Lesson(by_name[module], kernels, start, end))
    return lessons


def wanted_sizes(lessons: Iterable[Lesson], now: dt.time) -> dict[str, int]:
    """The pool size each notebook with a lesson wants at ``now``: its largest active lesson,
    or 0 when none is active (the caller never goes below Voila's own size)."""
    sizes: dict[str, int] = {}
    for lesson in lessons:
        size = lesson.kernels if lesson.active(now) else 0
        sizes[lesson.notebook] = max(sizes.get(lesson.notebook, 0), size)
    return sizes


class LessonPools(LoggingConfigurable):
    """Pool sizes per module for the hours of a lesson (see the module's docstring)."""

    lessons = List(
        Dict(),
        config=True,
        help='Lessons: {"module": id or file, "kernels": n, "from": "19:00", "until": "21:30"}.',
    )
    check_interval = Float(30.0, config=True, help="Seconds between two looks at the clock.")
    refill_delay = Float(
        120.0,
        config=True,
        help="During a lesson: seconds before a kernel a page took from the pool is replaced.",
    )

    def __init__(
        self,
        kernel_manager: Any,
        max_kernels: int,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kernel_manager = kernel_manager
        self.clock = clock
        self.planned = parse_lessons(self.lessons, max_kernels)
        pools = getattr(kernel_manager, "kernel_pools_config", None)
        self._default = int((pools or {}).get("default", {}).get("pool_size", 1))
        self._custom = {k: dict(v) for k, v in (pools or {}).items() if k != "default"}
        self._checker: PeriodicCallback | None = None
        self._active: set[str] = set()

    def start(self) -> None:
        if not self.planned or not hasattr(self.kernel_manager, "fill_if_needed"):
            return
        for lesson in self.planned:
            self.log.info(
                "Lesson: %s with %d kernels ready from %s until %s.",
                lesson.notebook,
                lesson.kernels,
                lesson.start.strftime("%H:%M"),
                lesson.end.strftime("%H:%M"),
            )
        self._wrap_pool()
        self._checker = PeriodicCallback(self.apply, self.check_interval * 1000)
        self._checker.start()
        self.apply()

    def _wrap_pool(self) -> None:
        """During a lesson: refill later, and hand out only kernels that have started."""
        manager = self.kernel_manager
        original_fill = manager.fill_if_needed
        original_size = manager.get_pool_size
        original_rendered = manager.get_rendered_notebook

        def fill_if_needed(
            delay: float | None = None, notebook_name: str | None = None, **kwargs: Any
        ) -> Any:
            if delay is None and notebook_name in self._active:  # a page took a kernel
                delay = self.refill_delay
                self.log.info(
                    "A page took a kernel of the %s lesson; its replacement starts in %.0f s.",
                    notebook_name,
                    delay,
                )
            return original_fill(delay=delay, notebook_name=notebook_name, **kwargs)

        def get_pool_size(notebook_name: str) -> int:
            if notebook_name not in self._active:
                return int(original_size(notebook_name))
            return sum(1 for task in self._pool(notebook_name) if _ready(task))

        async def get_rendered_notebook(notebook_name: str, *args: Any, **kwargs: Any) -> Any:
            if notebook_name in self._active:  # the started kernels first
                pool = self._pool(notebook_name)
                pool.sort(key=lambda task: not _ready(task))
            return await original_rendered(notebook_name, *args, **kwargs)

        manager.fill_if_needed = fill_if_needed
        manager.get_pool_size = get_pool_size
        manager.get_rendered_notebook = get_rendered_notebook

    def _pool(self, notebook: str) -> list[Any]:
        # Voila keeps its pool in a private attribute; without it there is no pool to look at.
        pools: dict[str, list[Any]] = getattr(self.kernel_manager, "_pools", {})
        return pools.get(notebook, [])

    def _outside_lessons(self, notebook: str) -> int:
        own = self._custom.get(notebook, {}).get("pool_size")
        return int(own) if own is not None else self._default

    def apply(self) -> None:
        """Set each lesson module's pool to the size it wants now; fill or shrink it."""
        manager = self.kernel_manager
        now = self.clock().time()
        wanted = wanted_sizes(self.planned, now)
        self._active = {notebook for notebook, size in wanted.items() if size > 0}
        for notebook, size in wanted.items():
            size = max(size, self._outside_lessons(notebook))
            config = manager.kernel_pools_config
            current = config.get(notebook, {}).get("pool_size", self._default)
            if current != size:
                self.log.info("Pool of %s: %d kernels ready (was %d).", notebook, size, current)
                config[notebook] = {**config.get(notebook, {}), "pool_size": size}
                if size > current:
                    manager.fill_if_needed(delay=0, notebook_name=notebook)
            if notebook not in self._active and len(self._pool(notebook)) > size:
                self._shrink(notebook, size)

    def _shrink(self, notebook: str, size: int) -> None:
        """Shut down the ready kernels beyond ``size`` that no page took (Voila removes a
        kernel it shuts down from its pool). A replacement still waiting to start is shut
        down at a later look, once it has started."""
        pool = list(self._pool(notebook))
        ready = [task.result()["kernel_id"] for task in pool if _ready(task)]
        excess = ready[: max(0, len(pool) - size)]
        for kernel_id in excess:
            IOLoop.current().spawn_callback(self._shut_down, kernel_id)

    async def _shut_down(self, kernel_id: str) -> None:
        try:
            await self.kernel_manager.shutdown_kernel(kernel_id)
        except (KeyError, RuntimeError) as error:
            self.log.info("Kernel %s was already gone: %s", kernel_id, error)


def _ready(task: Any) -> bool:
    return bool(task.done() and not task.cancelled() and task.exception() is None)
