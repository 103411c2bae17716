"""``coursekit grade ASSIGNMENT``: autograde every collected submission, in parallel.

``nbgrader autograde`` grades one submission after another, and every invocation pays
its start-up again. Here a pool of worker processes each loads nbgrader and the course
configuration once, then grades one submission at a time with nbgrader's own
``Autograde`` converter; while one worker waits for a kernel to start, another executes.

The gradebook stays consistent: with SQLite, every gradebook session of every worker
holds one lock (a file in the run's private folder), so writes never overlap; kernel
execution, which takes the time, runs outside it. With a server database (``db_url`` on
PostgreSQL) no lock is taken.

nbgrader never sees ``submitted/`` itself: each worker hands it a private copy of one
submission with only the notebook and its answers file (``grading/submission.py``), so no
file a learner hands in beside them reaches the grading kernel, and a student id is never
read as a glob (the copy holds one student, and a name with ``[``, ``*`` or ``?`` is
refused). The kernel does not put its working folder first on ``sys.path`` either, and it
runs in the sandbox of ``sandbox.py``: the second wall, should learner code ever run. A
hand-in made after feedback on its assignment was released is skipped (``deadlines.py``).

A submission that cannot be graded is reported in one Dutch sentence and never stops the
others; one whose grading kills its worker is graded again on its own and named, and the
pool goes on with a new worker. Every submitted student ends up in the gradebook, graded
or not.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from coursekit.content.errors import CourseDataError
from coursekit.grading.config import course_folders, load_config, load_course
from coursekit.grading.deadlines import feedback_released_at, late_after_feedback
from coursekit.grading.sandbox import GradingSandbox, SandboxedKernelManager, problem
from coursekit.grading.submission import TIMESTAMP, read_regular, stage
from coursekit.text import trainer

# Known failures in nbgrader's log or traceback, and the sentence a trainer reads.
_REASONS: list[tuple[str, str]] = [
    ("NotJSONError", trainer.GRADE_WHY_NOT_JSON),
    ("not valid JSON", trainer.GRADE_WHY_NOT_JSON),
    ("Notebook does not appear to be JSON", trainer.GRADE_WHY_NOT_JSON),
    ("No notebooks found", trainer.GRADE_WHY_NO_NOTEBOOK),
    ("No notebooks were matched", trainer.GRADE_WHY_NO_NOTEBOOK),
    ("CellTimeoutError", trainer.GRADE_WHY_TIMEOUT),
    ("Timeout waiting for", trainer.GRADE_WHY_TIMEOUT),
    ("No assignment with ID", trainer.GRADE_WHY_NO_ASSIGNMENT),
    ("database is locked", trainer.GRADE_WHY_DATABASE),
]


@dataclass(frozen=True)
class Result:
    """What became of one submission."""

    student: str
    graded: bool
    score: float | None
    max_score: float | None
    seconds: float
    reason: str = ""
    warnings: tuple[str, ...] = ()
    skipped: bool = False


#: Characters nbgrader's paths read as a pattern (glob): never in a name it is given.
_PATTERN = re.compile(r"[\[\]*?]")


def plain_name(name: str) -> bool:
    """Whether nbgrader reads ``name`` as itself: no glob character, no path."""
    return bool(name) and not _PATTERN.search(name) and "/" not in name and name not in {".", ".."}


def submitted_students(course: Path, assignment: str) -> list[str]:
    """Every student with a folder for this assignment in ``submitted/``."""
    folder = course / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir())


def graded_before(course: Path, assignment: str, student: str) -> bool:
    """Whether this very submission was autograded: same hand-in time as the graded copy."""
    stamp = Path(assignment) / TIMESTAMP
    submitted = course / "submitted" / student / stamp
    autograded = course / "autograded" / student / stamp
    if not autograded.parent.is_dir():
        return False
    handed_in, graded = read_regular(submitted), read_regular(autograded)
    if handed_in is None or graded is None:
        return not os.path.lexists(submitted) and not os.path.lexists(autograded)
    return handed_in == graded


def late(course: Path, assignment: str, student: str) -> str | None:
    """The Dutch refusal of a hand-in made after feedback on its assignment was released.

    With feedback released, a hand-in without a readable hand-in time is refused too.
    """
    from nbgrader.utils import parse_utc

    if feedback_released_at(course, assignment) is None:
        return None
    stamp = read_regular(course / "submitted" / student / assignment / TIMESTAMP, 1000)
    try:
        submitted_at = parse_utc(stamp.decode("utf-8").strip()) if stamp else None
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        submitted_at = None
    if submitted_at is None:
        return trainer.LATE_NO_TIMESTAMP.format(student=student, assignment=assignment)
    return late_after_feedback(course, assignment, student, submitted_at)


def reason_for(text: str) -> str:
    """The Dutch sentence for a failure, from nbgrader's traceback or log."""
    for marker, sentence in _REASONS:
        if marker in text:
            return sentence
    last = [line for line in text.strip().splitlines() if line.strip()]
    return trainer.GRADE_WHY_OTHER.format(detail=last[-1][-200:] if last else "?")


_CHECKSUM = re.compile(r"Attribute 'checksum' for cell (\S+) has changed")
_NOISE = ("Removing failed assignment", "Removing existing assignment", "checksum")


def _cell_sources(path: Path) -> dict[str, str]:
    """grade_id to source of every nbgrader cell of a notebook; empty if unreadable."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        return {
            cell["metadata"]["nbgrader"]["grade_id"]: "".join(cell.get("source", "")).strip()
            for cell in notebook["cells"]
            if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def trainer_warnings(
    course: Path, assignment: str, student: str, log: str, handed_in: Path | None = None
) -> tuple[str, ...]:
    """nbgrader's warnings worth a trainer's time, in Dutch where we know them.

    nbgrader warns of a changed checksum for every cell with hidden tests, because the
    released cell lacks them (nbgrader#1961). Those false alarms would bury a real one,
    so a cell counts as tampered with only if its submitted source differs from the
    released source. ``handed_in`` is the folder of the submitted notebooks (by default
    in ``submitted/``; ``coursekit grade`` passes its private copy).
    """
    notes: list[str] = []
    changed = _CHECKSUM.findall(log)
    if changed:
        release = course / "exercises" / assignment
        submitted = handed_in or course / "submitted" / student / assignment
        for notebook in sorted(submitted.glob("*.ipynb")):
            released = _cell_sources(release / notebook.name)
            sources = _cell_sources(notebook)
            for grade_id in changed:
                if grade_id in sources and sources[grade_id] != released.get(grade_id):
                    notes.append(trainer.GRADE_TAMPERED.format(cell=grade_id))
    for line in log.splitlines():
        if line.startswith("[WARNING]") and not any(noise in line for noise in _NOISE):
            notes.append(line.removeprefix("[WARNING] ").strip())
    return tuple(dict.fromkeys(notes))


# -- The worker side ---------------------------------------------------------------------

_worker: dict[str, Any] = {}


class _GradebookLock:
    """One process-wide, reentrant lock on a file beside the SQLite gradebook."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._depth = 0
        self._handle: TextIO | None = None

    def acquire(self) -> None:
        if self._depth == 0:
            self._handle = self._path.open("a")
            fcntl.flock(self._handle, fcntl.LOCK_EX)
        self._depth += 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _serialise_gradebook_sessions(lock: _GradebookLock) -> None:
    """Make every nbgrader Gradebook in this process hold ``lock`` from open to close."""
    from nbgrader.api import Gradebook

    opened: Callable[..., None] = Gradebook.__init__
    closed: Callable[..., None] = Gradebook.close

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        lock.acquire()
        try:
            opened(self, *args, **kwargs)
        except BaseException:
            lock.release()
            raise
        self._coursekit_locked = True

    def close(self: Any) -> None:
        try:
            closed(self)
        finally:
            if getattr(self, "_coursekit_locked", False):
                self._coursekit_locked = False
                lock.release()

    Gradebook.__init__ = __init__
    Gradebook.close = close


def _init_worker(course: str, timeout: int | None, sockets: str, sandbox: bool) -> None:
    """Load nbgrader and the course configuration once per worker process."""
    from nbgrader.apps import NbGraderAPI
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)
    os.chdir(course)
    # The kernel's working folder holds the notebook being graded: never first on sys.path
    # (Python's own ``-m`` start and IPython's both put it there by default).
    os.environ["PYTHONSAFEPATH"] = "1"
    config = load_config(Path(course), missing=trainer.GRADE_NO_CONFIG)
    if timeout is not None:
        config.ExecutePreprocessor.timeout = timeout
    # Kernels talk over local sockets in a private folder: no TCP port to collide on when
    # several start at once, and nothing reachable from the network.
    config.KernelManager.transport = "ipc"
    # Each kernel is thrown away after its notebook: no need to wait for a graceful goodbye.
    config.ExecutePreprocessor.shutdown_kernel = "immediate"
    # One folder per worker for its kernel's sockets: the only folder of the run that the
    # sandboxed kernel sees (the submissions' private copies are beside it).
    own = Path(sockets) / f"kernel-{os.getpid()}"
    own.mkdir(mode=0o700)
    config.KernelManager.ip = str(own / "kernel")
    if sandbox:
        config.ExecutePreprocessor.kernel_manager_class = SandboxedKernelManager
    config.ExecutePreprocessor.extra_arguments = ["--IPKernelApp.ignore_cwd=True"]
    if course_folders(config).db_url.startswith("sqlite"):
        _serialise_gradebook_sessions(_GradebookLock(Path(sockets) / "gradebook.lock"))
    _worker["api"] = NbGraderAPI(config=config)
    _worker["copies"] = sockets


def _grade_in_worker(assignment: str, student: str) -> Result:
    """Autograde one submission with nbgrader's converter; never raises."""
    from nbgrader.api import Gradebook, MissingEntry

    api = _worker["api"]
    started = time.monotonic()
    copy = Path(tempfile.mkdtemp(prefix="inzending-", dir=_worker["copies"]))
    try:
        handed_in = copy / student / assignment
        source = Path(api.coursedir.format_path(api.coursedir.source_directory, ".", assignment))
        notebooks = sorted(p.name for p in source.glob("*.ipynb"))
        staged = stage(
            Path.cwd() / "submitted" / student / assignment, handed_in, student, notebooks
        )
        if staged.notebook_refused:
            reason, *others = staged.refused
            return Result(student, False, None, None, 0.0, reason, tuple(others))
        previous = api.coursedir.submitted_directory
        api.coursedir.submitted_directory = str(copy)
        try:
            outcome = api.autograde(assignment, student, force=True, create=True)
        except Exception as exc:
            outcome = {"success": False, "error": f"{type(exc).__name__}: {exc}", "log": ""}
        finally:
            api.coursedir.submitted_directory = previous
        log = str(outcome.get("log", ""))
        notes = staged.refused + trainer_warnings(Path.cwd(), assignment, student, log, handed_in)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    seconds = time.monotonic() - started
    if not outcome.get("success"):
        detail = f"{outcome.get('error', '')}\n{log}"
        reason = reason_for(detail)
        known = [marker for marker, sentence in _REASONS if sentence == reason]
        notes = tuple(n for n in notes if not any(marker in n for marker in known))
        return Result(student, False, None, None, seconds, reason, notes)
    score = max_score = None
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
            score, max_score = submission.score, submission.max_score
        except MissingEntry:
            pass
    return Result(student, True, score, max_score, seconds, "", notes)


# -- The trainer's side ------------------------------------------------------------------


@contextmanager
def _pool(
    course: Path, workers: int, timeout: int | None, sandbox: bool
) -> Iterator[ProcessPoolExecutor]:
    context = multiprocessing.get_context("spawn")
    with (
        tempfile.TemporaryDirectory(prefix="coursekit-kernels-") as sockets,
        ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(str(course), timeout, sockets, sandbox),
        ) as pool,
    ):
        yield pool


def _ensure_students(course: Path, students: list[str]) -> None:
    """Put every submitted student in the gradebook first, so each appears in the export."""
    from nbgrader.api import Gradebook

    settings = load_course(course, missing=trainer.GRADE_NO_CONFIG)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        for student in students:
            gradebook.update_or_create_student(student)


def grade(
    course: Path,
    assignment: str,
    workers: int,
    timeout: int | None = None,
    on_result: Callable[[Result, int, int], None] | None = None,
    force: bool = False,
    sandbox: bool = True,
) -> list[Result]:
    """Autograde every submission of ``assignment``; ``on_result`` hears each as it ends.

    A submission graded before is skipped unless ``force``: grading it again would undo
    nothing, but it would ask the trainer to look at its hand-graded answers again.
    With ``sandbox``, every grading kernel runs in ``sandbox.py``'s sandbox (the caller
    checks first that it works: :func:`coursekit.grading.sandbox.problem`).
    """
    everyone = submitted_students(course, assignment)
    if not everyone:
        return []
    _ensure_students(course, [s for s in everyone if plain_name(s)])
    results: list[Result] = []
    students = []
    for student in everyone:
        refusal = trainer.GRADE_WHY_GLOB_NAME if not plain_name(student) else None
        refusal = refusal or late(course, assignment, student)
        if refusal is not None:
            results.append(Result(student, False, None, None, 0.0, refusal))
            if on_result is not None:
                on_result(results[-1], len(results), len(everyone))
        elif not force and graded_before(course, assignment, student):
            results.append(Result(student, True, None, None, 0.0, skipped=True))
            if on_result is not None:
                on_result(results[-1], len(results), len(everyone))
        else:
            students.append(student)

    def finished(result: Result) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result, len(results), len(everyone))

    # A worker that dies breaks its whole pool, and every submission then in a worker
    # fails with it. Those go back in line to be graded each on its own, in a pool of one
    # worker: a submission that breaks that pool too is the one that kills its worker.
    waiting = deque(students)
    suspects: list[str] = []
    while waiting:
        suspects += _grade_until_broken(
            course, assignment, waiting, workers, timeout, finished, sandbox
        )
    for student in suspects:
        alone = deque([student])
        if _grade_until_broken(course, assignment, alone, 1, timeout, finished, sandbox):
            finished(Result(student, False, None, None, 0.0, trainer.GRADE_WHY_WORKER_DIED))
    return sorted(results, key=lambda r: r.student)


def _grade_until_broken(
    course: Path,
    assignment: str,
    waiting: deque[str],
    workers: int,
    timeout: int | None,
    finished: Callable[[Result], None],
    sandbox: bool,
) -> list[str]:
    """Grade from ``waiting`` with at most ``workers`` at a time; if the pool breaks, stop.

    Returns the students that were in a worker when the pool broke (none if it held).
    """
    with _pool(course, max(1, min(workers, len(waiting))), timeout, sandbox) as pool:
        running: dict[Future[Result], str] = {}
        while waiting or running:
            while waiting and len(running) < workers:
                student = waiting.popleft()
                running[pool.submit(_grade_in_worker, assignment, student)] = student
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                student = running.pop(future)
                try:
                    finished(future.result())
                except BrokenProcessPool:
                    running[future] = student
                    broken = True
                except Exception as exc:  # anything else fails this submission only
                    reason = trainer.GRADE_WHY_WORKER.format(detail=type(exc).__name__)
                    finished(Result(student, False, None, None, 0.0, reason))
            if broken:
                return sorted(running.values())
    return []


# -- Printing ----------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}".replace(".", ",")


def result_line(result: Result, done: int, total: int) -> str:
    """One line per submission: progress, the student, and the score or the reason."""
    width = len(str(total))
    progress = f"[{done:>{width}}/{total}]"
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    if result.skipped:
        return f"{progress} · {result.student}: {trainer.GRADE_LINE_SKIPPED}"
    if result.graded:
        what = trainer.GRADE_LINE_OK.format(
            score=_number(result.score), max_score=_number(result.max_score), seconds=seconds
        )
        mark = "✔"
    else:
        what = trainer.GRADE_LINE_FAILED.format(reason=result.reason)
        mark = "✘"
    return f"{progress} {mark} {result.student}: {what}"


def summary(results: list[Result]) -> str:
    """What the trainer must know at the end: how many were graded, what failed and why."""
    failed = [r for r in results if not r.graded]
    skipped = sum(r.skipped for r in results)
    graded = len(results) - len(failed) - skipped
    lines = [trainer.GRADE_SUMMARY.format(graded=graded, total=len(results))]
    if skipped:
        lines.append(trainer.GRADE_SKIPPED.format(count=skipped))
    if failed:
        lines.append(trainer.GRADE_FAILED_TITLE.format(count=len(failed)))
        lines += [f"  - {r.student}: {r.reason}" for r in failed]
    warned = [r for r in results if r.warnings]
    if warned:
        lines.append(trainer.GRADE_WARNINGS_TITLE)
        lines += [f"  - {r.student}: {w}" for r in warned for w in r.warnings]
    return "\n".join(lines)


def run(
    course: Path,
    assignment: str,
    workers: int,
    timeout: int | None,
    out: TextIO,
    force: bool = False,
    sandbox: bool = True,
) -> int:
    """The command: grade, print a line per submission and a summary; 1 if any failed.

    Grading kernels run sandboxed unless ``sandbox`` is False or the course's settings
    turn the sandbox off; a sandbox that does not work here stops the command first.
    """
    try:
        config = load_config(course, missing=trainer.GRADE_NO_CONFIG)
    except CourseDataError as exc:
        print(exc, file=out)
        return 1
    if not plain_name(assignment):
        print(trainer.GRADE_BAD_ASSIGNMENT.format(assignment=assignment), file=out)
        return 1
    settings = GradingSandbox(config=config)
    sandbox = sandbox and settings.enabled
    if sandbox:
        why = problem(course, settings)
        if why is not None:
            print(why, file=out)
            return 1
    else:
        print(trainer.GRADE_WITHOUT_SANDBOX, file=out)
    students = submitted_students(course, assignment)
    if not students:
        print(trainer.GRADE_NOTHING.format(assignment=assignment), file=out)
        return 1
    print(trainer.GRADE_START.format(count=len(students), workers=workers), file=out)

    def report(result: Result, done: int, total: int) -> None:
        print(result_line(result, done, total), file=out, flush=True)

    results = grade(
        course, assignment, workers, timeout, on_result=report, force=force, sandbox=sandbox
    )
    print(summary(results), file=out)
    return 0 if all(r.graded for r in results) else 1


def default_workers() -> int:
    """Two per core: one worker waits on a kernel start while the other executes."""
    return 2 * (os.cpu_count() or 1)
