"""The trainers' action log: who forced what, and when (issue 18).

Every action on the group that forces something or cannot be undone (feedback before the
due date, a regrade, a new password, removing or erasing a volunteer, a due date or an
extension, a confirmed certificate) is one JSON line in :data:`ACTIONS` in the course
folder: ``at`` (UTC), ``by`` (the trainer's hub name), ``action`` (one of :data:`ACTION_NAMES`),
``student`` and ``assignment`` where they apply, ``forced``, and ``detail`` (a short Dutch
phrase). Lines are only appended, under a lock; a line that cannot be read is skipped.
The overview shows the log to trainers; it holds no answer or reflection text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, get_args

from coursekit.grading.records import append_record, read_records
from coursekit.progress.model import as_utc

#: The log, in the course folder beside the feedback releases and the certificates.
ACTIONS = "trainersacties.jsonl"

ActionName = Literal[
    "vrijgeven",  # an exercise released
    "verzamelen",  # hand-ins collected
    "nakijken",  # graded (regrade: forced)
    "feedback",  # feedback released (before the due date: forced)
    "termijn",  # a due date set or changed
    "verlenging",  # an extension for one volunteer
    "toevoegen",  # a volunteer added
    "wachtwoord",  # a new password
    "verwijderen",  # a volunteer's login removed
    "wissen",  # a volunteer erased everywhere (AVG)
    "bevestigen",  # a passed final assessment confirmed
]
ACTION_NAMES: tuple[str, ...] = get_args(ActionName)


@dataclass(frozen=True)
class Action:
    at: datetime
    by: str
    action: str
    student: str | None = None
    assignment: str | None = None
    forced: bool = False
    detail: str = ""


def log_action(course_dir: Path, action: Action) -> None:
    """Append ``action`` to the log (under a lock: trainers may act at the same time)."""
    if action.action not in ACTION_NAMES:
        raise ValueError(f"unknown action {action.action!r}")
    entry = {
        "at": as_utc(action.at).isoformat(),
        "by": action.by,
        "action": action.action,
        "student": action.student,
        "assignment": action.assignment,
        "forced": action.forced,
        "detail": action.detail,
    }
    append_record(course_dir / ACTIONS, entry)


def read_actions(course_dir: Path) -> list[Action]:
    """Every action logged, oldest first; a line that is not an action is skipped."""
    found = []
    for entry in read_records(course_dir / ACTIONS):
        try:
            found.append(
                Action(
                    at=as_utc(datetime.fromisoformat(entry["at"])),
                    by=str(entry["by"]),
                    action=str(entry["action"]),
                    student=None if entry.get("student") is None else str(entry["student"]),
                    assignment=None
                    if entry.get("assignment") is None
                    else str(entry["assignment"]),
                    forced=bool(entry.get("forced", False)),
                    detail=str(entry.get("detail", "")),
                )
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return [action for action in found if action.action in ACTION_NAMES]
