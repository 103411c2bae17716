"""Oefeningen: the trainer's cycle without a terminal (issue 18).

One page lists every exercise in ``solutions/`` in the course's order, with where it is
(released, due date, hand-ins waiting in the exchange, collected, graded, feedback) and the
next step in words with its button. Each step is a POST (jupyter-server's XSRF check) that
runs what the commands run, with the same nbgrader Python API (``NbGraderAPI`` on the
course's ``nbgrader_config.py``, so the exchange classes it names: ``ReleaseWithDueDate``,
``CheckedCollect``, ``FeedbackRelease``), says in words what it did, and writes the trainers'
action log (:mod:`coursekit.overview.actions`).

Grading is ``coursekit grade``'s own code (:func:`coursekit.grading.grade.grade`: a private
copy per hand-in, the sandbox, a failing hand-in never stops the others), run as a job in a
thread of this server: it goes on when the trainer's browser closes, and the page (or its
small JSON, which ``static/groep.js`` polls) shows how far it is. One job per exercise at a
time. A job lives as long as the server (a restart ends it; the hand-ins graded by then
stay graded, and *Nakijken* grades the rest).

An extension is nbgrader's own: the ``extension`` of a volunteer's submission in the
gradebook (a row without a hand-in is fine: ``coursekit.overview.gather`` reads it so).
Feedback waits for the latest extended due date (:func:`coursekit.grading.deadlines.latest_due`)
unless the trainer forces it.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tornado import web

from coursekit.content.course import course as course_map
from coursekit.content.errors import CourseDataError
from coursekit.grading.config import course_folders, load_config
from coursekit.grading.deadlines import as_utc, feedback_released_at, latest_due
from coursekit.grading.exchange import DUE_SUFFIX, due_json
from coursekit.grading.grade import (
    Result,
    default_workers,
    grade,
    graded_before,
    plain_name,
    submitted_students,
)
from coursekit.grading.sandbox import GradingSandbox, problem
from coursekit.groepsoverzicht.base import TrainerHandler
from coursekit.overview.gather import collected_time, exchange_hand_ins, exchange_root
from coursekit.text import learner, trainer

#: Dates on the page are Dutch dates and times.
LOCAL = ZoneInfo("Europe/Amsterdam")
#: An exercise's name, as ``coursekit new-exercise`` makes them.
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def shown(moment: datetime | None) -> str:
    """``18 december 2026 om 23:59`` in Dutch time; nothing: "geen"."""
    if moment is None:
        return trainer.CY_NO_DUE
    local = moment.astimezone(LOCAL)
    return trainer.CY_DATE_TIME.format(
        day=local.day,
        month=learner.MONTHS[local.month - 1],
        year=local.year,
        time=local.strftime("%H:%M"),
    )


def form_value(moment: datetime | None) -> str:
    """A moment as an ``<input type=datetime-local>`` holds it, in Dutch time."""
    return "" if moment is None else moment.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M")


def parse_local(value: str) -> datetime:
    """A date and time typed on the page (Dutch time) in UTC; ValueError with Dutch text."""
    text = value.strip()
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.replace(tzinfo=LOCAL).astimezone(UTC)
    raise ValueError(trainer.CY_BAD_DATE.format(value=text[:40]))


class Refused(Exception):
    """An action that may not happen now: one Dutch sentence, nothing changed."""


# -- What the page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class HandIn:
    """One volunteer's hand-in of one exercise, from the trainer's side."""

    student: str
    collected: datetime | None
    graded: bool
    score: float | None
    max_score: float | None
    #: formgrader's ids of the notebooks with a reflection still to grade by hand.
    to_grade_by_hand: tuple[str, ...]
    extended_due: datetime | None
    #: The last grading could not grade this hand-in (and it is still the same one).
    failed: bool = False


@dataclass(frozen=True)
class Exercise:
    name: str
    title: str
    module: str
    in_gradebook: bool
    released: bool
    due: datetime | None
    latest_due: datetime | None
    latest_for: str | None
    waiting: int
    collected: int
    to_grade: int
    #: Hand-ins the last grading could not grade (unchanged since): the trainer cannot fix
    #: them by grading again; the job's page says why.
    failed: int
    graded: int
    by_hand: int
    feedback_at: datetime | None
    hand_ins: tuple[HandIn, ...]
    students: tuple[str, ...]
    step: str = ""
    action: str | None = None


def exercise_names(course_dir: Path) -> list[str]:
    """Every exercise in ``solutions/`` (a folder with its own notebook), in course order:
    by the module it belongs to (the module with the same id), the others after them."""
    modules = {m.id: m.number for m in course_map().modules}
    source = course_dir / "solutions"
    names = [
        p.name
        for p in source.iterdir()
        if p.is_dir() and _NAME.match(p.name) and (p / f"{p.name}.ipynb").is_file()
    ]
    return sorted(names, key=lambda n: (modules.get(n, 1000), n))


def _title(course_dir: Path, name: str) -> str:
    """The first heading of the source notebook, like ``Oefening: wat helpt niet?``."""
    try:
        notebook = json.loads(
            (course_dir / "solutions" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        )
        for cell in notebook["cells"]:
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return name


def _module(name: str) -> str:
    found = course_map().by_id(name)
    return (
        trainer.CY_WHOLE_COURSE if found is None else trainer.CY_MODULE.format(number=found.number)
    )


@dataclass(frozen=True)
class _Course:
    root: Path
    config: Any
    db_url: str
    course_id: str
    exchange: Path

    @property
    def outbound(self) -> Path:
        return self.exchange / self.course_id / "outbound"

    @property
    def inbound(self) -> Path:
        return self.exchange / self.course_id / "inbound"


def _course(course_dir: Path) -> _Course:
    config = load_config(course_dir, missing=trainer.OV_NO_CONFIG)
    folders = course_folders(config)
    return _Course(folders.root, config, folders.db_url, folders.course_id, exchange_root(config))


def read_exercises(course_dir: Path, now: datetime, jobs: dict[str, GradingJob]) -> list[Exercise]:
    """Every exercise with its state and next step (blocking: the gradebook and folders)."""
    from nbgrader.api import Gradebook, MissingEntry

    where = _course(course_dir)
    hand_ins_waiting = exchange_hand_ins(where.inbound)
    found = []
    with Gradebook(where.db_url, where.course_id) as gradebook:
        students = tuple(sorted(s.id for s in gradebook.students))
        for name in exercise_names(where.root):
            try:
                assignment = gradebook.find_assignment(name)
                due = None if assignment.duedate is None else as_utc(assignment.duedate)
                rows = {s.student.id: s for s in assignment.submissions}
                in_gradebook = True
            except MissingEntry:
                due, rows, in_gradebook = None, {}, False
            collected = submitted_students(where.root, name)
            job = jobs.get(name)
            failed = set() if job is None else job.failed_unchanged(where.root)
            hand_ins = []
            waiting = 0
            for student in sorted(set(collected) | set(rows)):
                row = rows.get(student)
                when = collected_time(where.root / "submitted", student, name)
                graded = (
                    when is not None
                    and plain_name(student)
                    and (where.root / "autograded" / student / name).is_dir()
                    and graded_before(where.root, name, student)
                )
                by_hand: tuple[str, ...] = ()
                if row is not None and graded:
                    by_hand = tuple(str(nb.id) for nb in row.notebooks if nb.needs_manual_grade)
                extended = (
                    as_utc(row.duedate) if row is not None and row.extension and due else None
                )
                hand_ins.append(
                    HandIn(
                        student,
                        when,
                        graded,
                        float(row.score) if row is not None and graded else None,
                        float(row.max_score) if row is not None and graded else None,
                        by_hand,
                        extended,
                        student in failed and not graded,
                    )
                )
            for (student, exercise_name), moment in hand_ins_waiting.items():
                if exercise_name != name:
                    continue
                when = collected_time(where.root / "submitted", student, name)
                if when is None or moment > when:
                    waiting += 1
            latest, latest_for = due, None
            for hand_in in hand_ins:
                if hand_in.extended_due is not None and latest and hand_in.extended_due > latest:
                    latest, latest_for = hand_in.extended_due, hand_in.student
            exercise = Exercise(
                name=name,
                title=_title(where.root, name),
                module=_module(name),
                in_gradebook=in_gradebook,
                released=(where.outbound / name).is_dir(),
                due=due,
                latest_due=latest,
                latest_for=latest_for,
                waiting=waiting,
                collected=sum(h.collected is not None for h in hand_ins),
                to_grade=sum(
                    h.collected is not None and not h.graded and h.student not in failed
                    for h in hand_ins
                ),
                failed=sum(h.student in failed and not h.graded for h in hand_ins),
                graded=sum(h.graded for h in hand_ins),
                by_hand=sum(len(h.to_grade_by_hand) > 0 for h in hand_ins),
                feedback_at=feedback_released_at(where.root, name),
                hand_ins=tuple(h for h in hand_ins if h.collected is not None or h.extended_due),
                students=students,
            )
            found.append(_with_step(exercise, now, jobs.get(name)))
    return found


def _with_step(exercise: Exercise, now: datetime, job: GradingJob | None) -> Exercise:
    """The next step for the exercise, in words, and the button that does it."""
    e = exercise
    step: str
    action: str | None
    if not e.released:
        step, action = trainer.CY_STEP_GENERATE, "vrijgeven"
    elif job is not None and job.running:
        step, action = trainer.CY_STEP_GRADING.format(progress=job.progress_text()), None
    elif e.due is None:
        step, action = trainer.CY_STEP_DUE, "inleverdatum"
    elif e.waiting:
        step, action = trainer.CY_STEP_COLLECT.format(count=e.waiting), "verzamelen"
    elif e.to_grade:
        step, action = trainer.CY_STEP_GRADE.format(count=e.to_grade), "nakijken"
    elif e.failed and not e.graded:
        step, action = trainer.CY_STEP_FAILED.format(count=e.failed), "voortgang"
    elif e.by_hand:
        step, action = trainer.CY_STEP_MANUAL.format(count=e.by_hand), "formgrader"
    elif e.feedback_at is not None:
        step, action = trainer.CY_STEP_DONE.format(moment=shown(e.feedback_at)), None
    elif not e.graded:
        step, action = trainer.CY_STEP_WAIT_HAND_INS.format(due=shown(e.latest_due)), None
    elif e.latest_due is not None and now < e.latest_due:
        step, action = trainer.CY_STEP_WAIT.format(due=shown(e.latest_due)), None
    else:
        step, action = trainer.CY_STEP_FEEDBACK, "feedback"
    return Exercise(**{**e.__dict__, "step": step, "action": action})


# -- The grading job ---------------------------------------------------------------------


@dataclass
class GradingJob:
    """``coursekit grade`` of one exercise, running in a thread of this server."""

    assignment: str
    total: int
    forced: bool
    by: str
    started: datetime
    #: The hand-in time of each collected hand-in when grading started.
    stamps: dict[str, datetime | None] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    running: bool = True
    stopped: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def heard(self, result: Result, done: int, total: int) -> None:
        with self._lock:
            self.results.append(result)
            self.total = max(self.total, total)

    def failed_unchanged(self, course_dir: Path) -> set[str]:
        """Who this finished job could not grade, with the same hand-in still collected."""
        if self.running:
            return set()
        with self._lock:
            failed = [r.student for r in self.results if not r.graded]
        return {
            s
            for s in failed
            if s in self.stamps
            and collected_time(course_dir / "submitted", s, self.assignment) == self.stamps[s]
        }

    def progress_text(self) -> str:
        with self._lock:
            done, total = len(self.results), self.total
        template = trainer.CY_PROGRESS if self.running else trainer.CY_PROGRESS_DONE
        return template.format(done=done, total=total)

    def snapshot(self) -> dict[str, Any]:
        """What the page and its JSON show: progress, and each failure in Dutch."""
        with self._lock:
            results = sorted(self.results, key=lambda r: r.student)
        failed = [{"student": r.student, "reason": r.reason} for r in results if not r.graded]
        return {
            "running": self.running,
            "done": len(results),
            "total": self.total,
            "text": self.progress_text(),
            "failed": failed,
            "failed_text": trainer.CY_PROGRESS_FAILED.format(count=len(failed)) if failed else "",
            "stopped": self.stopped,
        }


class Jobs:
    """The grading jobs of this server, one per (course folder, exercise)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[tuple[str, str], GradingJob] = {}

    def of(self, course_dir: Path) -> dict[str, GradingJob]:
        with self._lock:
            return {a: job for (c, a), job in self._jobs.items() if c == str(course_dir)}

    def get(self, course_dir: Path, assignment: str) -> GradingJob | None:
        with self._lock:
            return self._jobs.get((str(course_dir), assignment))

    def start(
        self, course_dir: Path, assignment: str, by: str, forced: bool, sandbox: bool
    ) -> GradingJob:
        """Start grading in a thread; :class:`Refused` if this exercise is being graded."""
        key = (str(course_dir), assignment)
        with self._lock:
            running = self._jobs.get(key)
            if running is not None and running.running:
                raise Refused(
                    trainer.CY_GRADING_RUNS.format(
                        name=assignment, progress=running.progress_text()
                    )
                )
            students = submitted_students(course_dir, assignment)
            job = GradingJob(assignment, len(students), forced, by, datetime.now(UTC))
            job.stamps = {
                s: collected_time(course_dir / "submitted", s, assignment) for s in students
            }
            self._jobs[key] = job
        thread = threading.Thread(
            target=_run_job,
            args=(job, course_dir, sandbox),
            name=f"nakijken-{assignment}",
            daemon=True,
        )
        thread.start()
        return job


def _run_job(job: GradingJob, course_dir: Path, sandbox: bool) -> None:
    try:
        grade(
            course_dir,
            job.assignment,
            workers=default_workers(),
            on_result=job.heard,
            force=job.forced,
            sandbox=sandbox,
        )
    except Exception as exc:  # the job must end, and say why, whatever happened
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        job.stopped = trainer.CY_JOB_STOPPED.format(reason=detail[:300])
    finally:
        job.running = False


JOBS = Jobs()


# -- The actions -------------------------------------------------------------------------


class _Busy:
    """One action at a time per exercise (a double click runs it once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy: set[tuple[str, str]] = set()

    @contextmanager
    def hold(self, course_dir: Path, name: str) -> Iterator[None]:
        key = (str(course_dir), name)
        with self._lock:
            if key in self._busy:
                raise Refused(trainer.CY_BUSY.format(name=name))
            self._busy.add(key)
        try:
            yield
        finally:
            with self._lock:
                self._busy.discard(key)


BUSY = _Busy()


def _api(where: _Course, before_due_date: bool = False) -> Any:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = copy.deepcopy(where.config)
    config.FeedbackRelease.before_due_date = before_due_date
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def _detail(outcome: dict[str, Any]) -> str:
    """nbgrader's own last error line (English), for the sentence after 'nbgrader meldde'."""
    text = f"{outcome.get('log', '')}\n{outcome.get('error', '')}"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    serious = [line for line in lines if "CRITICAL" in line or "ERROR" in line]
    chosen = (serious or lines or ["?"])[-1]
    return re.sub(r"^\[[^\]]*\]\s*", "", chosen)[:300]


def _check(outcome: dict[str, Any], what: str, name: str) -> None:
    if not outcome.get("success"):
        raise Refused(
            trainer.CY_NBGRADER_FAILED.format(what=what, name=name, detail=_detail(outcome))
        )


#: nbgrader's warnings that say nothing a trainer must act on (the page says it in Dutch).
_LOG_NOISE = ("Permissions for exchange directory", "No submissions of")


def _notes(outcome: dict[str, Any]) -> list[str]:
    """The warnings in nbgrader's log a trainer must read (the course's Dutch ones)."""
    notes = []
    for line in str(outcome.get("log", "")).splitlines():
        if line.startswith("[WARNING]") or "| WARNING]" in line:
            text = re.sub(r"^\[[^\]]*\]\s*", "", line).strip()
            if text and not any(noise in text for noise in _LOG_NOISE):
                notes.append(text)
    return notes


def release(course_dir: Path, name: str) -> str:
    """Generate the volunteers' version if needed, then release it to the exchange."""
    from nbgrader.api import Gradebook, MissingEntry

    where = _course(course_dir)
    if (where.outbound / name).is_dir():
        raise Refused(trainer.CY_ALREADY_RELEASED.format(name=name))
    with Gradebook(where.db_url, where.course_id) as gradebook:
        try:
            gradebook.find_assignment(name)
            known = True
        except MissingEntry:
            known = False
    api = _api(where)
    if not known or not (where.root / "exercises" / name).is_dir():
        _check(api.generate_assignment(name, force=True), trainer.CY_WHAT_GENERATE, name)
    _check(api.release_assignment(name), trainer.CY_WHAT_RELEASE, name)
    return trainer.CY_DONE_RELEASE.format(name=name)


def _write_due_file(where: _Course, name: str, due: datetime | None) -> bool:
    """Rewrite ``<naam>.termijn.json`` beside a released exercise; False if not released."""
    folder = where.outbound / name
    if not folder.is_dir():
        return False
    path = folder / f"{name}{DUE_SUFFIX}"
    partial = folder / f".{name}{DUE_SUFFIX}.nieuw"
    partial.write_text(due_json(due), encoding="utf-8")
    partial.chmod(0o644)
    os.replace(partial, path)
    return True


def set_due(course_dir: Path, name: str, due: datetime) -> str:
    """Set or change the exercise's due date; an extension keeps its own date."""
    from nbgrader.api import Gradebook, MissingEntry

    where = _course(course_dir)
    naive = as_utc(due).replace(tzinfo=None)  # nbgrader keeps naive UTC
    with Gradebook(where.db_url, where.course_id) as gradebook:
        try:
            extended = {
                s.student.id: s.duedate
                for s in gradebook.find_assignment(name).submissions
                if s.extension
            }
        except MissingEntry:
            extended = {}
        assignment = gradebook.update_or_create_assignment(name, duedate=naive)
        # nbgrader keeps an extension as a length of time after the due date: each
        # volunteer's own date stays where it was (or goes, if the new date is later).
        for submission in assignment.submissions:
            if submission.student.id in extended:
                later = extended[submission.student.id] - naive
                submission.extension = later if later > timedelta(0) else None
        gradebook.db.commit()
    if _write_due_file(where, name, due):
        return trainer.CY_DONE_DUE_RELEASED.format(name=name, due=shown(due))
    return trainer.CY_DONE_DUE.format(name=name, due=shown(due))


def set_extension(course_dir: Path, name: str, student: str, until: datetime | None) -> str:
    """A later due date for one volunteer (nbgrader's extension), or none (``until`` None)."""
    from nbgrader.api import Gradebook, MissingEntry

    where = _course(course_dir)
    with Gradebook(where.db_url, where.course_id) as gradebook:
        try:
            gradebook.find_student(student)
        except MissingEntry:
            raise Refused(trainer.CY_UNKNOWN_STUDENT.format(student=student[:60])) from None
        try:
            assignment = gradebook.find_assignment(name)
        except MissingEntry:
            assignment = None
        if assignment is None or assignment.duedate is None:
            raise Refused(trainer.CY_NEEDS_DUE.format(name=name))
        due = as_utc(assignment.duedate)
        if until is None:
            try:
                gradebook.find_submission(name, student)
            except MissingEntry:
                return trainer.CY_DONE_EXTENSION_REMOVED.format(student=student, name=name)
            gradebook.update_or_create_submission(name, student, extension=None)
            return trainer.CY_DONE_EXTENSION_REMOVED.format(student=student, name=name)
        if until <= due:
            raise Refused(trainer.CY_EXTENSION_NOT_LATER.format(name=name, due=shown(due)))
        gradebook.update_or_create_submission(name, student, extension=until - due)
    return trainer.CY_DONE_EXTENSION.format(student=student, name=name, due=shown(until))


def _collected_stamps(root: Path, name: str) -> dict[str, datetime | None]:
    return {s: collected_time(root / "submitted", s, name) for s in submitted_students(root, name)}


def collect(course_dir: Path, name: str) -> tuple[str, int, list[str]]:
    """Collect the hand-ins waiting in the exchange (newer ones replace older)."""
    where = _course(course_dir)
    if not (where.outbound / name).is_dir():
        raise Refused(trainer.CY_NOT_RELEASED.format(name=name))
    before = _collected_stamps(where.root, name)
    outcome = _api(where).collect(name, update=True)
    _check(outcome, trainer.CY_WHAT_COLLECT, name)
    after = _collected_stamps(where.root, name)
    new = sum(1 for s, t in after.items() if s not in before or before[s] != t)
    if not new:
        return trainer.CY_NOTHING_TO_COLLECT.format(name=name), 0, _notes(outcome)
    return trainer.CY_DONE_COLLECT.format(count=new, name=name), new, _notes(outcome)


def release_feedback(
    course_dir: Path, name: str, forced: bool, now: datetime
) -> tuple[str, bool, datetime | None]:
    """Make the feedback and give it back; before the (extended) due date only if forced.

    Returns the sentence, whether the release was forced (before the due date), and the
    due date it was forced before."""
    where = _course(course_dir)
    graded = [
        s
        for s in submitted_students(where.root, name)
        if plain_name(s) and (where.root / "autograded" / s / name).is_dir()
    ]
    if not graded:
        raise Refused(trainer.CY_NOTHING_GRADED.format(name=name))
    due, whose = latest_due(where.db_url, name)
    early = due is not None and now < due
    if early and not forced:
        if whose is not None:
            raise Refused(
                trainer.CY_FEEDBACK_BEFORE_EXTENSION.format(
                    name=name, student=whose, due=shown(due)
                )
            )
        raise Refused(trainer.CY_FEEDBACK_BEFORE_DUE.format(name=name, due=shown(due)))
    api = _api(where, before_due_date=early)
    _check(api.generate_feedback(name, force=True), trainer.CY_WHAT_FEEDBACK_MAKE, name)
    _check(api.release_feedback(name), trainer.CY_WHAT_FEEDBACK, name)
    count = sum(1 for s in graded if (where.root / "feedback" / s / name).is_dir())
    template = trainer.CY_DONE_FEEDBACK_FORCED if early else trainer.CY_DONE_FEEDBACK
    return template.format(name=name, count=count), early, due if early else None


def grading_checks(course_dir: Path, name: str, forced: bool) -> tuple[int, bool]:
    """Whether grading may start (:class:`Refused` if not): the number of hand-ins, and
    whether the sandbox is on (and works here, as ``coursekit grade`` checks first)."""
    running = JOBS.get(course_dir, name)
    if running is not None and running.running:
        raise Refused(trainer.CY_GRADING_RUNS.format(name=name, progress=running.progress_text()))
    students = submitted_students(course_dir, name)
    if not students:
        raise Refused(trainer.CY_NOTHING_COLLECTED.format(name=name))
    if not forced and all(graded_before(course_dir, name, s) for s in students):
        raise Refused(trainer.CY_NOTHING_TO_GRADE.format(name=name))
    settings = GradingSandbox(config=load_config(course_dir, missing=trainer.OV_NO_CONFIG))
    if settings.enabled:
        why = problem(course_dir, settings)
        if why is not None:
            raise Refused(why)
    return len(students), bool(settings.enabled)


# -- The handlers ------------------------------------------------------------------------


class _CycleHandler(TrainerHandler):
    def exercise_name(self, name: str) -> str:
        if (
            not _NAME.match(name)
            or not (self.course_dir / "solutions" / name / f"{name}.ipynb").is_file()
        ):
            raise web.HTTPError(404, trainer.CY_NO_EXERCISE.format(name=name[:60]))
        return name

    async def show(
        self,
        *,
        status: int = 200,
        done: str = "",
        refused: str = "",
        notes: list[str] | None = None,
        focus: str | None = None,
    ) -> None:
        try:
            exercises = await asyncio.to_thread(
                read_exercises, self.course_dir, self.now(), JOBS.of(self.course_dir)
            )
        except CourseDataError as exc:
            self.page(
                "oefeningen.html",
                status=500,
                nav="oefeningen",
                exercises=[],
                done="",
                refused=str(exc),
                notes=[],
                focus=None,
                shown=shown,
                form_value=form_value,
                jobs={},
            )
            return
        self.page(
            "oefeningen.html",
            status=status,
            nav="oefeningen",
            exercises=exercises,
            done=done,
            refused=refused,
            notes=notes or [],
            focus=focus,
            shown=shown,
            form_value=form_value,
            jobs={a: j.snapshot() for a, j in JOBS.of(self.course_dir).items()},
        )


class ExercisesHandler(_CycleHandler):
    @web.authenticated
    async def get(self) -> None:
        await self.show()


ACTIONS = ("vrijgeven", "inleverdatum", "verlenging", "verzamelen", "nakijken", "feedback")


class ActionHandler(_CycleHandler):
    """``POST <root>/oefeningen/<naam>/<actie>``: one step of the cycle; and
    ``GET <root>/oefeningen/<naam>/nakijken``: how far grading is (*Vernieuw* reloads it)."""

    @web.authenticated
    async def get(self, name: str, action: str) -> None:
        name = self.exercise_name(name)
        if action != "nakijken":
            raise web.HTTPError(404)
        job = JOBS.get(self.course_dir, name)
        self.page(
            "taak.html",
            nav="oefeningen",
            name=name,
            job=None if job is None else job.snapshot(),
            forced=job is not None and job.forced,
            started=None if job is None else shown(job.started),
            no_job=trainer.CY_NO_JOB.format(name=name),
        )

    @web.authenticated
    async def post(self, name: str, action: str) -> None:
        name = self.exercise_name(name)
        if action not in ACTIONS:
            raise web.HTTPError(404, trainer.CY_UNKNOWN_ACTION)
        try:
            if action == "nakijken":
                await self.start_grading(name)
                self.redirect(f"{self.base}oefeningen/{name}/nakijken", status=303)
                return
            with BUSY.hold(self.course_dir, name):
                done, notes = await self.act(name, action)
        except Refused as refusal:
            await self.show(status=409, refused=str(refusal), focus=name)
            return
        except CourseDataError as exc:
            await self.show(status=500, refused=str(exc), focus=name)
            return
        await self.show(done=done, notes=notes, focus=name)

    async def start_grading(self, name: str) -> None:
        forced = self.get_body_argument("opnieuw", "") == "ja"
        count, sandbox = await asyncio.to_thread(grading_checks, self.course_dir, name, forced)
        JOBS.start(self.course_dir, name, self.trainer_name, forced, sandbox)
        template = trainer.CY_LOG_REGRADE if forced else trainer.CY_LOG_GRADE
        self.record_action(
            "nakijken", assignment=name, forced=forced, detail=template.format(count=count)
        )

    async def act(self, name: str, action: str) -> tuple[str, list[str]]:
        course = self.course_dir
        if self.job_runs(name) and action in ("verzamelen", "feedback", "vrijgeven"):
            job = JOBS.get(course, name)
            assert job is not None
            raise Refused(trainer.CY_GRADING_RUNS.format(name=name, progress=job.progress_text()))
        if action == "vrijgeven":
            done = await asyncio.to_thread(release, course, name)
            self.record_action("vrijgeven", assignment=name, detail=trainer.CY_LOG_RELEASE)
            return done, []
        if action == "inleverdatum":
            due = self.moment("datum")
            if due is None:
                raise Refused(trainer.CY_BAD_DATE.format(value=""))
            done = await asyncio.to_thread(set_due, course, name, due)
            self.record_action(
                "termijn", assignment=name, detail=trainer.CY_LOG_DUE.format(due=shown(due))
            )
            return done, []
        if action == "verlenging":
            student = self.get_body_argument("vrijwilliger", "").strip()
            until = self.moment("datum")
            done = await asyncio.to_thread(set_extension, course, name, student, until)
            detail = (
                trainer.CY_LOG_EXTENSION_REMOVED
                if until is None
                else trainer.CY_LOG_EXTENSION.format(due=shown(until))
            )
            self.record_action("verlenging", assignment=name, student=student, detail=detail)
            return done, []
        if action == "verzamelen":
            done, count, notes = await asyncio.to_thread(collect, course, name)
            self.record_action(
                "verzamelen", assignment=name, detail=trainer.CY_LOG_COLLECT.format(count=count)
            )
            return done, notes
        forced = self.get_body_argument("toch", "") == "ja"
        done, early, due = await asyncio.to_thread(
            release_feedback, course, name, forced, self.now()
        )
        detail = (
            trainer.CY_LOG_FEEDBACK_FORCED.format(due=shown(due))
            if early
            else trainer.CY_LOG_FEEDBACK
        )
        self.record_action("feedback", assignment=name, forced=early, detail=detail)
        return done, []

    def job_runs(self, name: str) -> bool:
        job = JOBS.get(self.course_dir, name)
        return job is not None and job.running

    def moment(self, field_name: str) -> datetime | None:
        value = self.get_body_argument(field_name, "").strip()
        if not value:
            return None
        try:
            return parse_local(value)
        except ValueError as exc:
            raise Refused(str(exc)) from None


class JobStatusHandler(_CycleHandler):
    """``GET <root>/oefeningen/<naam>/nakijken.json``: the same, for ``groep.js``."""

    @web.authenticated
    def get(self, name: str) -> None:
        name = self.exercise_name(name)
        job = JOBS.get(self.course_dir, name)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(None if job is None else job.snapshot(), ensure_ascii=False))


def handlers(root: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The URLs of this part, under ``root`` (no trailing slash)."""
    return [
        (f"{root}/oefeningen", ExercisesHandler),
        (rf"{root}/oefeningen/([^/]+)/nakijken\.json", JobStatusHandler),
        (rf"{root}/oefeningen/([^/]+)/([a-z]+)", ActionHandler),
    ]
