"""nbgrader's exchange on one server, with the checks a shared machine needs.

nbgrader's own exchange (``nbgrader.exchange.default``) tells volunteers apart by the Unix
owner of what they hand in, but only warns when the owner and the claimed name differ, and
leaves a hand-in readable by all who can guess its name. These subclasses keep nbgrader's
behaviour and close those gaps (``coursekit hub-permissions`` sets the exchange's folders).
The course's ``nbgrader_config.py`` and the volunteers' settings
(``deploy/jupyterhub/volunteer``) select them through ``ExchangeFactory``.
"""

from __future__ import annotations

import glob
import os
import pwd
import stat
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import check_mode

from coursekit.text import trainer

# A hand-in's folder in ``inbound/``: its owner (the volunteer) and its group, which the
# inbound folder's set-group-id bit makes the course account's, enter it; no one else.
HAND_IN_MODE = 0o770


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


class CheckedCollect(ExchangeCollect):  # type: ignore[misc]
    """Collect only hand-ins that are what they claim: a folder owned by that volunteer.

    A refused hand-in is skipped with one Dutch line in the log; the others are collected.
    """

    def _refusal(self, folder: Path) -> str | None:
        """Why ``folder`` (in ``inbound/``) must not be collected, or None to collect it."""
        student = folder.name.split("+", 1)[0]
        info = folder.lstat()  # a symbolic link is judged as itself, never its target
        if not stat.S_ISDIR(info.st_mode):
            return trainer.COLLECT_NOT_A_FOLDER.format(folder=folder, student=student)
        if self.check_owner and _owner(info.st_uid) != student:
            return trainer.COLLECT_WRONG_OWNER.format(
                folder=folder, student=student, owner=_owner(info.st_uid)
            )
        return None

    def init_src(self) -> None:
        """As nbgrader 0.9.6's, but refused folders are left out *before* the latest hand-in
        of each volunteer is chosen: a forged newer folder never hides an honest older one."""
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        student_id = self.coursedir.student_id or "*"
        who = "*" if student_id == "*" else glob.escape(student_id)  # a name is never a glob
        what = glob.escape(self.coursedir.assignment_id)
        pattern = os.path.join(self.inbound_path, f"{who}+{what}+*")
        records: dict[str, list[dict[str, Any]]] = {}
        for path in sorted(glob.glob(pattern)):
            refusal = self._refusal(Path(path))
            if refusal is not None:
                self.log.warning(refusal)
                continue
            record = self._path_to_record(path)
            records.setdefault(record["username"], []).append(record)
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gradebook:
            try:
                self.duedate = gradebook.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for handed_in in records.values():
            newest_first = self._sort_by_timestamp(handed_in)
            if self.duedate is not None and self.before_duedate:
                in_time = [r for r in newest_first if r["timestamp"] <= self.duedate]
                newest_first = in_time or newest_first
            self.src_records.append(newest_first[0])


class PrivateSubmit(ExchangeSubmit):  # type: ignore[misc]
    """Hand in as nbgrader does, then close the hand-in's folder to all but its owner and group.

    nbgrader leaves the hand-in's folder open to all (0777), hidden only by a name nobody
    can list. The folder takes the group of ``inbound/`` (the course account's, by its
    set-group-id bit), and only that folder is the gate: 0770 lets the volunteer and the
    course account in (to read and to remove), and no one else reach the files inside.
    Those stay as nbgrader makes them (0644): copying the notebook clears the set-group-id
    bit of the folder, so the last files written take the volunteer's own group.
    """

    def copy_files(self) -> None:
        super().copy_files()
        hand_in = os.path.join(self.inbound_path, self.assignment_filename)
        if os.stat(hand_in).st_gid == os.stat(self.inbound_path).st_gid:
            os.chmod(hand_in, HAND_IN_MODE)
        else:  # inbound/ without the course's group: closing it would shut the trainers out
            self.log.warning(trainer.SUBMIT_NOT_PRIVATE.format(folder=self.inbound_path))
