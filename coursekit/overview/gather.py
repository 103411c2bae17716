"""What the course stores about a group, read as the trainer: the gradebook (nbgrader's
Python API), ``submitted/``, the exchange's ``inbound/`` and, where there is one, the
progress table beside the gradebook.

Everything read here becomes :class:`~coursekit.overview.state.VolunteerFacts`; the rules
are in :mod:`coursekit.overview.state`. A gradebook or progress table that cannot be read
is a :class:`~coursekit.content.errors.CourseDataError` with one Dutch sentence.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from traitlets import Float, Integer, Unicode
from traitlets.config import Configurable

from coursekit.content.errors import CourseDataError
from coursekit.grading.deadlines import as_utc
from coursekit.overview.state import ExerciseFacts, OverviewSettings, VolunteerFacts
from coursekit.progress.model import ModuleProgress
from coursekit.text import trainer


class GroupOverview(Configurable):
    """The course's settings for the trainer's overview, in ``nbgrader_config.py``."""

    final_assessment = Unicode(
        "eindtoets",
        help="The graded final assessment; passing it makes a volunteer ready for a certificate.",
    ).tag(config=True)
    pass_threshold = Float(
        0.7, min=0.0, max=1.0, help="The share of the final assessment's points that passes."
    ).tag(config=True)
    inactive_weeks = Integer(
        3, min=1, help="A volunteer with no activity for this many weeks needs the trainer."
    ).tag(config=True)
    organisation = Unicode(
        "",
        help="The organisation's name, as the Bewijs van deelname prints it; not set, the "
        "certificate says the name is not set.",
    ).tag(config=True)
    retention_weeks = Integer(
        None,
        allow_none=True,
        min=1,
        help="Keep a volunteer's data this many weeks after their last activity; then the "
        "overview says the retention has passed and the trainer erases them (Groep beheren). "
        "Not set: kept until the trainer erases them or removes the group.",
    ).tag(config=True)


def overview_settings(config: Any) -> OverviewSettings:
    """The overview's settings from a loaded course config (nbgrader's Config)."""
    from traitlets import TraitError

    try:
        found = GroupOverview(config=config)
        return OverviewSettings(
            final_assessment=str(found.final_assessment),
            pass_threshold=float(found.pass_threshold),
            inactive_weeks=int(found.inactive_weeks),
            organisation=str(found.organisation),
            retention_weeks=None if found.retention_weeks is None else int(found.retention_weeks),
        )
    except TraitError as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseDataError(
            trainer.OV_BAD_SETTINGS.format(name="c.GroupOverview", reason=reason)
        ) from None


def exchange_root(config: Any) -> Path:
    """The exchange's folder as nbgrader's settings say (``c.Exchange.root``)."""
    from nbgrader.exchange.default.exchange import Exchange

    root = config.Exchange.get("root") or Exchange.class_traits()["root"].default_value
    return Path(str(root))


@dataclass(frozen=True)
class _Grade:
    score: float
    max_score: float
    needs_manual_grade: bool


def _sqlite_file(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix) :]) if url.startswith(prefix) else None


def read_gradebook(db_url: str) -> tuple[list[Any], list[Any], dict[tuple[str, str], Any]]:
    """Students, assignments and the submissions per (student, assignment), as plain data.

    A SQLite gradebook that does not exist is refused (nbgrader would make an empty one).
    """
    from nbgrader.api import Gradebook

    sqlite_file = _sqlite_file(db_url)
    if sqlite_file is not None and not sqlite_file.is_file():
        raise CourseDataError(trainer.OV_NO_GRADEBOOK.format(url=db_url))
    try:
        with Gradebook(db_url) as gradebook:
            students = [
                (s.id, s.first_name, s.last_name)
                for s in sorted(gradebook.students, key=lambda s: s.id)
            ]
            assignments = [
                (a.name, a.duedate)
                for a in sorted(gradebook.assignments, key=lambda a: (a.duedate is None, a.name))
            ]
            submissions = {
                (s.student.id, a_name): (
                    _Grade(float(s.score), float(s.max_score), bool(s.needs_manual_grade)),
                    s.duedate,
                )
                for a_name, _ in assignments
                for s in gradebook.find_assignment(a_name).submissions
            }
    except CourseDataError:
        raise
    except Exception as exc:  # nbgrader and SQLAlchemy raise many kinds; one sentence here
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseDataError(trainer.OV_BAD_GRADEBOOK.format(url=db_url, reason=reason)) from None
    return students, assignments, submissions


def read_progress(db_url: str) -> dict[str, dict[str, ModuleProgress]] | None:
    """Everyone's module progress from the progress table beside the gradebook, or None
    when there is no such table (a machine without the hub)."""
    from sqlalchemy import create_engine, inspect

    from coursekit.progress import store

    sqlite_file = _sqlite_file(db_url)
    if sqlite_file is not None and not sqlite_file.is_file():
        raise CourseDataError(trainer.OV_NO_GRADEBOOK.format(url=db_url))
    engine = create_engine(db_url)
    try:
        if not inspect(engine).has_table(store.TABLE):
            return None
        return store.group(engine)
    except Exception as exc:  # a damaged table or database: one sentence, no traceback
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseDataError(trainer.OV_BAD_PROGRESS.format(url=db_url, reason=reason)) from None
    finally:
        engine.dispose()


def _hand_in_time(folder: Path) -> datetime | None:
    """The time in a hand-in's name in the exchange (``student+exercise+time+random``)."""
    from nbgrader.utils import parse_utc

    parts = folder.name.split("+")
    if len(parts) < 3:
        return None
    try:
        return as_utc(parse_utc(parts[2]))
    except (ValueError, OverflowError, TypeError):
        return None


def exchange_hand_ins(inbound: Path) -> dict[tuple[str, str], datetime]:
    """The newest hand-in per (student, exercise) in the exchange's ``inbound/`` folder.

    A folder that cannot be read (a volunteer's machine, or no exchange) has none.
    """
    found: dict[tuple[str, str], datetime] = {}
    try:
        entries = list(os.scandir(inbound))
    except OSError:
        return found
    for entry in entries:
        parts = entry.name.split("+")
        moment = _hand_in_time(Path(entry.path))
        if moment is None or not entry.is_dir(follow_symlinks=False):
            continue
        key = (parts[0], parts[1])
        if key not in found or found[key] < moment:
            found[key] = moment
    return found


def collected_time(submitted: Path, student: str, assignment: str) -> datetime | None:
    """When the collected hand-in in ``submitted/`` was made, or None if none was collected."""
    from nbgrader.utils import parse_utc

    folder = submitted / student / assignment
    if not folder.is_dir():
        return None
    try:
        text = (folder / "timestamp.txt").read_text(encoding="utf-8").strip()
        return as_utc(parse_utc(text))
    except (OSError, ValueError, OverflowError, TypeError):
        # Collected, with no readable time: the folder's own time stands in.
        return as_utc(datetime.fromtimestamp(folder.stat().st_mtime).astimezone())


def gather(
    db_url: str,
    submitted: Path,
    autograded: Callable[[str, str], Path],
    inbound: Path,
    progress: Mapping[str, Mapping[str, ModuleProgress]] | None,
) -> list[VolunteerFacts]:
    """Every volunteer in the gradebook, and everyone with progress, with their exercises
    and progress.

    An exercise is graded when the gradebook has its submission and ``autograded/`` its
    folder: a submission row alone may hold only an extension of the due date.
    """
    students, assignments, submissions = read_gradebook(db_url)
    # Someone who works on the modules (on the hub) but is not in the gradebook yet gets a
    # row too, under their id: the trainer sees them and can register them.
    registered = {student_id for student_id, _, _ in students}
    students += [(user, None, None) for user in sorted(progress or {}) if user not in registered]
    hand_ins = exchange_hand_ins(inbound)
    volunteers = []
    for student_id, first, last in students:
        exercises = []
        for name, due in assignments:
            grade, own_due = submissions.get((student_id, name), (None, None))
            collected = collected_time(submitted, student_id, name)
            waiting = hand_ins.get((student_id, name))
            if waiting is not None and collected is not None and waiting <= collected:
                waiting = None  # that hand-in is the one collected
            deadline = own_due if own_due is not None else due
            graded = grade if grade and autograded(student_id, name).is_dir() else None
            exercises.append(
                ExerciseFacts(
                    assignment=name,
                    due=None if deadline is None else as_utc(deadline),
                    handed_in=waiting,
                    collected=collected,
                    graded=graded is not None,
                    needs_manual_grade=graded.needs_manual_grade if graded else False,
                    score=graded.score if graded else 0.0,
                    max_score=graded.max_score if graded else 0.0,
                )
            )
        volunteers.append(
            VolunteerFacts(
                student_id=student_id,
                first_name=first,
                last_name=last,
                exercises=tuple(exercises),
                progress=None if progress is None else dict(progress.get(student_id, {})),
            )
        )
    return volunteers
