"""What every benchmark shares: progress lines, Dutch numbers, /proc readings, the machine.

CPU time, memory (RSS, PSS), process trees and load come from /proc. ``MachineUse`` is part
of the results. Jupyter's folders are kept apart by ``tests.support.jupyter``, as in the tests.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


def say(message: str) -> None:
    """A progress line."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def comma(value: float, digits: int = 2) -> str:
    """A number the Dutch way: 1,25."""
    return f"{value:.{digits}f}".replace(".", ",")


def load1() -> float:
    return os.getloadavg()[0]


def stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (field 3 is index 0)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """User + system seconds of one process so far (0 if it is gone).

    With ``reaped_children``, also the time of children it has already waited for, which
    otherwise disappears from every tree once they have ended.
    """
    fields = stat_fields(pid)
    if not fields:
        return 0.0
    return sum(int(x) for x in fields[11 : 15 if reaped_children else 13]) / TICK


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def pss_bytes(pid: int) -> int:
    """Proportional set size: shared pages (the Python binary, libraries) divided fairly."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and (fields := stat_fields(int(proc.name))):
            children.setdefault(int(fields[1]), []).append(int(proc.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def busy_jiffies() -> int:
    """Busy CPU time of the whole machine since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]


@dataclass
class MachineUse:
    """The whole machine during a block: load (1 min) around it, wall time, busy cores."""

    load_before: float
    load_after: float = 0.0
    wall: float = 0.0
    busy_cores: float = 0.0


@contextmanager
def machine_use() -> Iterator[MachineUse]:
    """How many cores the whole machine kept busy during a block, and the load around it."""
    result = MachineUse(load_before=load1())
    busy = busy_jiffies()
    started = time.perf_counter()
    try:
        yield result
    finally:
        wall = time.perf_counter() - started
        result.wall = wall
        result.busy_cores = (busy_jiffies() - busy) / TICK / wall if wall else 0.0
        result.load_after = load1()


def machine(packages: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """The machine's facts for the docs: ``packages`` (versions) after Python, ``extra`` last."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    ram = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    return {
        "kernen (nproc)": str(len(os.sched_getaffinity(0))),
        "processor": model.group(1).strip() if model else platform.processor() or "?",
        "geheugen": f"{int(ram.group(1)) / 1024**2:.1f} GiB" if ram else "?",
        "Python": platform.python_version(),
        **packages,
        "besturingssysteem": f"{platform.system()} {platform.release()}",
        "datum": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        **(extra or {}),
    }
