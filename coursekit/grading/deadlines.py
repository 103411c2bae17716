"""Due dates: feedback is given back after hand-in closes, and nothing is handed in after it.

Feedback shows, for a wrong answer, the right one: feedback released while others can
still hand in lets them hand in the key. Two rules follow.

* **No feedback before the due date.** The due date is nbgrader's own ``duedate`` of the
  assignment in the gradebook (``nbgrader db assignment add NAAM --duedate=...``, or
  formgrader's *Manage Assignments*, or the Groepsoverzicht's *Oefeningen*); a volunteer's
  extension (nbgrader's ``extension`` on their submission) moves it: feedback waits for the
  latest extended due date (:func:`latest_due`). ``nbgrader release_feedback`` (and formgrader's
  button, which calls it) goes through :class:`FeedbackRelease`, which refuses before the
  due date unless the trainer forces it (``--FeedbackRelease.before_due_date=True``).
  Every release is written to :data:`RELEASES` in the course folder: when, by whom, for
  which volunteers, and whether it was forced.
* **No hand-in after the feedback.** :func:`late_after_feedback` says, from that file,
  whether a hand-in came after feedback on its assignment was first released, to anyone.
  ``coursekit grade`` skips such a submission with that sentence; the exchange's collect
  will refuse it with the same function.
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback
from traitlets import Bool

from coursekit.grading.records import append_record, read_records
from coursekit.text import trainer

#: One JSON line per release of feedback, in the course folder.
RELEASES = "feedback_vrijgegeven.jsonl"


def as_utc(moment: datetime) -> datetime:
    """A moment in UTC; nbgrader keeps naive datetimes that mean UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _shown(moment: datetime) -> str:
    return as_utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def releases(course_dir: Path) -> list[dict[str, Any]]:
    """Every release written so far; a line that is not a release is skipped."""
    found = []
    for entry in read_records(course_dir / RELEASES):
        try:
            datetime.fromisoformat(entry["at"])
        except (ValueError, TypeError, KeyError):
            continue
        if isinstance(entry.get("assignment"), str):
            found.append(entry)
    return found


def feedback_released_at(course_dir: Path, assignment: str) -> datetime | None:
    """When feedback on ``assignment`` was first released (to anyone), in UTC."""
    moments = [
        as_utc(datetime.fromisoformat(entry["at"]))
        for entry in releases(course_dir)
        if entry["assignment"] == assignment
    ]
    return min(moments, default=None)


def late_after_feedback(
    course_dir: Path, assignment: str, student: str, submitted_at: datetime
) -> str | None:
    """The Dutch refusal of a hand-in made after feedback on its assignment was released.

    None if the hand-in came before (or no feedback was released). ``submitted_at`` is
    the hand-in time (nbgrader's ``timestamp.txt``; a naive time means UTC).
    """
    released = feedback_released_at(course_dir, assignment)
    if released is None or as_utc(submitted_at) < released:
        return None
    return trainer.LATE_AFTER_FEEDBACK.format(
        student=student,
        assignment=assignment,
        submitted=_shown(submitted_at),
        released=_shown(released),
    )


def due_date(db_url: str, assignment: str) -> datetime | None:
    """The assignment's due date in the gradebook (UTC), None if it has none."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gradebook:
        try:
            due = gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            return None
    return None if due is None else as_utc(due)


def latest_due(db_url: str, assignment: str) -> tuple[datetime | None, str | None]:
    """The last moment anyone may hand in ``assignment`` (UTC), and whose extension that is.

    The assignment's due date, or a volunteer's later one (nbgrader's ``extension`` on
    their submission: the due date plus the extension); ``(due, None)`` when no extension
    reaches past it, ``(None, None)`` without a due date.
    """
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gradebook:
        try:
            found = gradebook.find_assignment(assignment)
        except MissingEntry:
            return None, None
        if found.duedate is None:
            return None, None
        latest, whose = as_utc(found.duedate), None
        for submission in found.submissions:
            if submission.extension and as_utc(submission.duedate) > latest:
                latest, whose = as_utc(submission.duedate), str(submission.student.id)
    return latest, whose


def release_refused(
    due: datetime | None, now: datetime, forced: bool, extended_for: str | None = None
) -> str | None:
    """Why feedback may not be released now, in Dutch; None if it may.

    ``due`` is the latest due date (:func:`latest_due`); ``extended_for`` the volunteer
    whose extension it is, if it is one."""
    if forced or due is None or as_utc(now) >= due:
        return None
    if extended_for is not None:
        return trainer.FEEDBACK_BEFORE_EXTENSION.format(student=extended_for, due=_shown(due))
    return trainer.FEEDBACK_BEFORE_DUE.format(due=_shown(due))


def record_release(
    course_dir: Path,
    assignment: str,
    students: str,
    at: datetime,
    by: str,
    forced: bool,
    due: datetime | None,
) -> None:
    """Append one release to :data:`RELEASES` (under a lock: releases may overlap)."""
    entry = {
        "assignment": assignment,
        "students": students,
        "at": as_utc(at).isoformat(),
        "by": by,
        "forced": forced,
        "due": None if due is None else due.isoformat(),
    }
    append_record(course_dir / RELEASES, entry)


class FeedbackRelease(ExchangeReleaseFeedback):  # type: ignore[misc]
    """nbgrader's release of feedback, refused before the due date and written down.

    ``c.ExchangeFactory.release_feedback`` names it in ``nbgrader_config.py``.
    """

    before_due_date = Bool(
        False,
        help="Release feedback before the assignment's due date; the release is logged "
        f"as forced in {RELEASES}.",
    ).tag(config=True)

    def start(self) -> Any:
        course = Path(self.coursedir.root)
        assignment = str(self.coursedir.assignment_id)
        now = datetime.now(UTC)
        if any(char in assignment for char in "[]*?/") or not assignment:
            self.fail(trainer.GRADE_BAD_ASSIGNMENT.format(assignment=assignment))
        due, extended_for = latest_due(self.coursedir.db_url, assignment)
        why = release_refused(due, now, self.before_due_date, extended_for)
        if why is not None:
            self.fail(why)
        # Written before the copying starts: a release that fails halfway may have given
        # some volunteers their feedback, and a hand-in after it must still be refused.
        forced = self.before_due_date and due is not None and now < due
        students = str(self.coursedir.student_id or "*")
        record_release(course, assignment, students, now, getpass.getuser(), forced, due)
        return super().start()
