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
import json
import os
import pwd
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import check_mode, ignore_patterns, parse_utc

from coursekit.grading.deadlines import as_utc, late_after_feedback
from coursekit.grading.submission import read_regular
from coursekit.text import trainer

# A hand-in's folder in ``inbound/``: its owner (the volunteer) and its group, which the
# inbound folder's set-group-id bit makes the course account's, enter it; no one else.
HAND_IN_MODE = 0o770
#: Beside a released exercise: its due date, for the volunteer's server (Mijn cursus),
#: which cannot read the gradebook.
DUE_SUFFIX = ".termijn.json"


def _claimed_time(folder: Path) -> datetime | None:
    """The hand-in time in the folder's name (``name+exercise+time+random``), or None."""
    parts = folder.name.rsplit("+", 3)
    try:
        return as_utc(parse_utc(parts[2])) if len(parts) >= 3 else None
    except (ValueError, OverflowError, TypeError):
        return None


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


class _NotPlain(Exception):
    """A file of a hand-in that is no plain file (or too large) when collect opens it."""


class CheckedCollect(ExchangeCollect):  # type: ignore[misc]
    """Collect only hand-ins that are what they claim: a folder owned by that volunteer,
    holding plain files.

    Collect runs as the course account, which may read the key and every hand-in: a link
    in a hand-in (to ``solutions/``, to another volunteer's work, to ``/dev/zero``) would
    be followed by nbgrader's copy, and what it read would be graded as the volunteer's.
    So a hand-in with a link or a special file in it is refused, and the copy itself opens
    each file without following a link (a file swapped for a link after the check is not
    copied). A hand-in is flat (the notebook, its answers file, ``timestamp.txt``): folders
    inside it are left out. A refused hand-in is skipped with one Dutch line in the log;
    the others are collected.
    """

    def _refusal(self, folder: Path) -> str | None:
        """Why ``folder`` (in ``inbound/``) must not be collected, or None to collect it."""
        student = folder.name.split("+", 1)[0]
        if _claimed_time(folder) is None:  # nbgrader's collect would stop on it
            return trainer.COLLECT_BAD_NAME.format(folder=folder, student=student)
        info = folder.lstat()  # a symbolic link is judged as itself, never its target
        if not stat.S_ISDIR(info.st_mode):
            return trainer.COLLECT_NOT_A_FOLDER.format(folder=folder, student=student)
        if self.check_owner and _owner(info.st_uid) != student:
            return trainer.COLLECT_WRONG_OWNER.format(
                folder=folder, student=student, owner=_owner(info.st_uid)
            )
        late = self._late(folder, student)
        if late is not None:
            return late
        with os.scandir(folder) as entries:
            for entry in entries:
                plain = entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)
                if not plain:
                    return trainer.COLLECT_NOT_A_FILE.format(
                        folder=folder, name=entry.name, student=student
                    )
        return None

    def _late(self, folder: Path, student: str) -> str | None:
        """The refusal of a hand-in made after this exercise's feedback was released.

        The name's timestamp is the volunteer's to choose; the folder's change time is
        not (it can only move forward), so the later of the two counts."""
        assignment = self.coursedir.assignment_id
        changed = datetime.fromtimestamp(folder.lstat().st_ctime, tz=UTC)
        claimed = _claimed_time(folder)
        moment = changed if claimed is None else max(claimed, changed)
        return late_after_feedback(Path(self.coursedir.root), assignment, student, moment)

    def do_copy(self, src: str, dest: str, log: Any = None) -> None:
        """Copy the plain files of hand-in ``src`` to ``dest`` (nbgrader's copytree follows
        links): nbgrader's ignore, include and size settings apply; a file that is no plain
        file when it is opened leaves ``dest`` empty and the hand-in uncollected."""
        names = sorted(os.listdir(src))
        student = os.path.basename(src).split("+", 1)[0]
        total = sum(os.lstat(os.path.join(src, name)).st_size for name in names)
        if total > 1000 * self.coursedir.max_dir_size:  # as nbgrader's, in kB
            self.log.warning(trainer.COLLECT_TOO_LARGE.format(folder=src, student=student))
            return
        skip = ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )(src, names)
        os.makedirs(dest)
        try:
            for name in names:
                path = os.path.join(src, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    self.log.warning(trainer.COLLECT_SKIPPED_FOLDER.format(folder=src, name=name))
                elif name not in skip:
                    # Never through a link; a file swapped for a link or a pipe after the
                    # check, or grown past the limit, is not read.
                    data = read_regular(Path(path), self.coursedir.max_file_size * 1000)
                    if data is None:
                        raise _NotPlain(name)
                    Path(dest, name).write_bytes(data)
        except _NotPlain as refused:
            shutil.rmtree(dest)
            self.log.warning(
                trainer.COLLECT_NOT_A_FILE.format(folder=src, name=refused, student=student)
            )

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


def due_json(due: datetime | None) -> str:
    """The text of ``<exercise>.termijn.json``: the due date in UTC, or null for none."""
    moment = None if due is None else as_utc(due).isoformat()
    return json.dumps({"schema_version": 1, "inleveren_voor": moment}, indent=1) + "\n"


class ReleaseWithDueDate(ExchangeReleaseAssignment):  # type: ignore[misc]
    """Release as nbgrader does, and write the gradebook's due date beside the exercise.

    Mijn cursus, in the volunteer's own server, shows it and says when a hand-in is late;
    nbgrader keeps the due date only in the gradebook, which volunteers cannot read.
    """

    def copy_files(self) -> None:
        super().copy_files()
        assignment = self.coursedir.assignment_id
        try:
            with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gradebook:
                due = gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            due = None
        path = Path(self.dest_path) / f"{assignment}{DUE_SUFFIX}"
        path.write_text(due_json(due), encoding="utf-8")
        path.chmod(0o644)
