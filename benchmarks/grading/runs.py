"""The timed runs: ``nbgrader autograde`` (the baseline), ``coursekit grade``, the floor."""

from __future__ import annotations

import itertools
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import say
from benchmarks.grading.results import Floor, Measured, Run
from benchmarks.grading.submissions import EXERCISE, read_scores

# A `coursekit grade` result line: "[ 3/12] ✔ anna: 7 van 10 punten (1,2 s)".
_RESULT_LINE = re.compile(r"^\[\s*\d+/\d+\] (✔|✘) (.+?): .*\((\d+(?:,\d+)?) s\)\s*$")


def _busy_and_total_jiffies() -> tuple[int, int]:
    """Busy and total CPU time of the whole machine since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user time
    return total - idle, total


def _children_cpu() -> float:
    """User + system seconds of every finished child process (and theirs), so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def timed() -> Iterator[Measured]:
    """Wall time, CPU time of finished children, and the machine's busy time in a block."""
    result = Measured()
    busy, _total = _busy_and_total_jiffies()
    cpu = _children_cpu()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.wall = time.perf_counter() - started
        result.cpu = _children_cpu() - cpu
        result.machine_busy = (_busy_and_total_jiffies()[0] - busy) / os.sysconf("SC_CLK_TCK")


def stream(
    command: Sequence[str], cwd: Path, on_line: Callable[[str, float], None]
) -> tuple[int, list[str]]:
    """Run a command, hand every output line with its time since the start to ``on_line``."""
    started = time.perf_counter()
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            on_line(lines[-1], time.perf_counter() - started)
        returncode = process.wait()
    return returncode, lines


def sequential(course: Path, students: Sequence[str]) -> Run:
    """One ``nbgrader autograde --force`` for every student, one after another."""
    done: list[float] = []
    every = max(1, len(students) // 8)

    def on_line(line: str, at: float) -> None:
        if "Setting destination file permissions" in line:  # once per submission, at the end
            done.append(at)
            if len(done) % every == 0:
                say(f"  nbgrader autograde: {len(done)}/{len(students)} ({at:.0f} s)")

    with timed() as measured:
        returncode, lines = stream(
            [sys.executable, "-m", "nbgrader", "autograde", EXERCISE, "--force"], course, on_line
        )
    if returncode != 0:
        say(f"nbgrader autograde gaf exitcode {returncode}; laatste regels:")
        print("\n".join(lines[-20:]), flush=True)
    # Each submission starts when the previous one is done.
    gaps = [b - a for a, b in itertools.pairwise(done)]
    return Run(
        "nbgrader autograde",
        1,
        measured,
        read_scores(course, students),
        first_seconds=done[0] if done else measured.wall,
        last_seconds=done[-1] if done else measured.wall,
        per_submission=gaps,
        returncode=returncode,
    )


def parallel(course: Path, students: Sequence[str], workers: int) -> Run:
    """``coursekit grade --workers W``; the command reports each submission's seconds."""
    seconds: list[float] = []
    finished: list[float] = []
    every = max(1, len(students) // 8)

    def on_line(line: str, at: float) -> None:
        match = _RESULT_LINE.match(line)
        if match:
            seconds.append(float(match.group(3).replace(",", ".")))
            finished.append(at)
            if len(seconds) % every == 0:
                say(
                    f"  coursekit grade --workers {workers}: {len(seconds)}/{len(students)} "
                    f"({at:.0f} s)"
                )

    command = [sys.executable, "-m", "coursekit.cli", "grade", EXERCISE, "--workers", str(workers)]
    with timed() as measured:
        returncode, lines = stream(command, course, on_line)
    if returncode != 0:
        say(f"coursekit grade gaf exitcode {returncode}; laatste regels:")
        print("\n".join(lines[-20:]), flush=True)
    return Run(
        "coursekit grade",
        workers,
        measured,
        read_scores(course, students),
        first_seconds=finished[0] if finished else measured.wall,
        last_seconds=finished[-1] if finished else measured.wall,
        per_submission=seconds,
        returncode=returncode,
    )


def _kernel_once(cwd: Path, code: str) -> tuple[float, float]:
    from jupyter_client.manager import start_new_kernel

    cpu = _children_cpu()
    started = time.perf_counter()
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(cwd), stderr=subprocess.DEVNULL
    )
    try:
        reply = client.execute_interactive(code, timeout=120, output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise SystemExit(f"kernel: {code!r} mislukte")
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
    return time.perf_counter() - started, _children_cpu() - cpu


def floor(course: Path, repeats: int = 10) -> Floor:
    """Kernels with a trivial cell and with ``import coursekit``; ``nbgrader --version``."""
    trivial = [_kernel_once(course, "1 + 1") for _ in range(repeats)]
    heavy = [_kernel_once(course, "import coursekit") for _ in range(repeats)]
    starts: list[tuple[float, float]] = []
    for _ in range(3):
        with timed() as measured:
            subprocess.run(
                [sys.executable, "-m", "nbgrader", "--version"],
                cwd=course,
                capture_output=True,
                check=True,
            )
        starts.append((measured.wall, measured.cpu))

    def median(runs: list[tuple[float, float]], index: int) -> float:
        return statistics.median(r[index] for r in runs)

    return Floor(
        median(trivial, 0),
        median(trivial, 1),
        median(heavy, 0),
        median(heavy, 1),
        median(starts, 0),
        median(starts, 1),
    )
