"""The hub's Unix permissions: the course's software for all, its data for the course account.

On one server every volunteer has a Unix account and a shell in their own JupyterLab. What
they may read is decided here, not by trust:

- **software**, readable by all, writable by no volunteer: the course directory itself, its
  virtual environment, ``coursekit``, ``deploy/jupyterhub/volunteer`` and the released
  exercises. Nothing in it, nor a folder above it, may be writable by others: a volunteer who
  can write there could rename ``solutions/`` away or change code the trainers run.
- **data**, the course account's alone (0700, files 0600): nbgrader's source and solution
  folders (the key), ``submitted/``, ``autograded/``, ``feedback/``, ``reports/``, a SQLite
  gradebook and ``.git`` (its history holds the key too). A missing data folder is made here,
  since nbgrader would make it later with the mode of everything else (0755).
- **the exchange**: its root 1777 (nbgrader needs everyone to write there; the sticky bit
  stops a volunteer renaming the course's folder and putting up their own), ``inbound/`` 3733
  (hand in, never list; hand-ins take the course account's group;
  ``coursekit.grading.exchange.PrivateSubmit`` makes each 2770/0640), ``feedback/`` 0711 (a
  volunteer opens only their own feedback, whose name is a hash of a secret in their
  hand-in), the rest 0755, all of it the course account's.
- **homes** of the users in ``users.yaml``: no access for others (a fetched notebook with a
  reflection lives there).

:func:`apply` sets this (as root); :func:`problems` lists what is wrong, one Dutch sentence
each; the hub refuses to start while there is any (``deploy/jupyterhub/jupyterhub_config.py``),
and ``coursekit hub-permissions`` does both for the administrator.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer

DATA_DIR_MODE = 0o700
DATA_FILE_MODE = 0o600
EXCHANGE_ROOT_MODE = 0o1777
EXCHANGE_COURSE_MODE = 0o755
OUTBOUND_MODE = 0o755
INBOUND_MODE = 0o3733
FEEDBACK_MODE = 0o711
# Not data: the exercises as released, which every volunteer fetches anyway.
_PUBLIC_DIRECTORIES = {"release_directory"}
_MORE_DATA = ("reports", ".git")
_OPTIONAL = {".git"}  # not made when missing
_LISTED = 5  # more problems of one kind than this are counted, not listed


@dataclass(frozen=True)
class HubLayout:
    """Where a hub's course lives and whose it is."""

    course_dir: Path
    exchange: Path
    course_id: str
    owner: str  # the course account: the course service and the site run as it
    users: Sequence[str] = ()
    # The gradebook as the course service sees it (COURSEKIT_GRADEBOOK_URL); None: the
    # course's nbgrader_config.py as this process reads it.
    gradebook_url: str | None = None

    def data_folders(self) -> list[Path]:
        """The data folders, from the course's ``nbgrader_config.py`` (nbgrader's settings)."""
        folders = self._nbgrader()
        names = sorted(
            str(getattr(folders, name))
            for name in type(folders).class_trait_names()
            if name.endswith("_directory") and name not in _PUBLIC_DIRECTORIES
        )
        return [Path(folders.root) / name for name in (*names, *_MORE_DATA)]

    def gradebook_file(self) -> Path | None:
        """The SQLite gradebook, or None when it is a database server (PostgreSQL)."""
        url = self.gradebook_url or str(self._nbgrader().db_url)
        return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None

    def data(self) -> list[Path]:
        gradebook = self.gradebook_file()
        return [*self.data_folders(), *([gradebook] if gradebook else [])]

    def _nbgrader(self) -> Any:
        from nbgrader.coursedir import CourseDirectory

        from coursekit.grading.config import load_config

        config = load_config(self.course_dir, missing=trainer.HUB_NO_COURSE_CONFIG)
        return CourseDirectory(config=config)

    def exchange_folders(self) -> list[tuple[Path, int]]:
        """The exchange's folders of this course with their modes, the root first."""
        course = self.exchange / self.course_id
        return [
            (self.exchange, EXCHANGE_ROOT_MODE),
            (course, EXCHANGE_COURSE_MODE),
            (course / "outbound", OUTBOUND_MODE),
            (course / "inbound", INBOUND_MODE),
            (course / "feedback", FEEDBACK_MODE),
        ]

    def homes(self) -> list[tuple[str, Path]]:
        found = []
        for name in self.users:
            try:
                found.append((name, Path(pwd.getpwnam(name).pw_dir)))
            except KeyError:
                continue  # not a Unix account here (another authenticator's name)
        return found


def _account(name: str) -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise CourseDataError(trainer.HUB_NO_ACCOUNT.format(name=name)) from None
    return entry.pw_uid, entry.pw_gid


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.lstat().st_mode))[2:]


def apply(layout: HubLayout) -> list[str]:
    """Set the owners and modes above; what changed, one Dutch line each. Run as root."""
    uid, gid = _account(layout.owner)
    done: list[str] = []
    gradebook = layout.gradebook_file()
    data = layout.data()
    for path in data:
        if path.is_symlink():
            continue  # never follow it; problems() names it
        if not path.exists():
            if path.name in _OPTIONAL:
                continue
            if path == gradebook:
                path.touch(mode=DATA_FILE_MODE)  # SQLite takes an empty file as a new database
            else:
                path.mkdir(mode=DATA_DIR_MODE)
            done.append(trainer.HUB_MADE.format(path=path))
        for entry in _tree(path):
            os.lchown(entry, uid, gid)
        wanted = DATA_DIR_MODE if path.is_dir() else DATA_FILE_MODE
        if stat.S_IMODE(path.stat().st_mode) != wanted:
            path.chmod(wanted)
            done.append(trainer.HUB_SET.format(path=path, mode=oct(wanted)[2:]))
    for entry in _software(layout.course_dir, set(data)):
        mode = stat.S_IMODE(entry.lstat().st_mode)
        if mode & 0o022:
            entry.chmod(mode & ~0o022)
            done.append(trainer.HUB_SET.format(path=entry, mode=oct(mode & ~0o022)[2:]))
    for folder, mode in layout.exchange_folders():
        if not folder.is_symlink() and not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            done.append(trainer.HUB_MADE.format(path=folder))
        if folder.is_symlink():
            continue
        if folder == layout.exchange:
            os.chown(folder, 0 if os.geteuid() == 0 else uid, -1)
        else:
            os.chown(folder, uid, gid)
        if stat.S_IMODE(folder.stat().st_mode) != mode:
            folder.chmod(mode)
            done.append(trainer.HUB_SET.format(path=folder, mode=oct(mode)[2:]))
    for _name, home in layout.homes():
        if home.is_dir() and not home.is_symlink():
            mode = stat.S_IMODE(home.stat().st_mode)
            if mode & 0o077:
                home.chmod(mode & ~0o077)
                done.append(trainer.HUB_SET.format(path=home, mode=oct(mode & ~0o077)[2:]))
    return done


def problems(layout: HubLayout) -> list[str]:
    """What lets a volunteer read the course's data or another's work; one sentence each."""
    uid, gid = _account(layout.owner)
    found: list[str] = []
    data = layout.data()
    for path in data:
        if path.is_symlink():
            found.append(trainer.HUB_DATA_LINK.format(path=path))
        elif not path.exists():
            if path.name not in _OPTIONAL:
                found.append(trainer.HUB_DATA_MISSING.format(path=path))
        elif path.stat().st_uid != uid:
            found.append(trainer.HUB_DATA_OWNER.format(path=path, owner=layout.owner))
        elif path.stat().st_mode & 0o077:
            wanted = oct(DATA_DIR_MODE if path.is_dir() else DATA_FILE_MODE)[2:]
            found.append(trainer.HUB_DATA_OPEN.format(path=path, mode=_mode(path), wanted=wanted))
    writable = [
        entry for entry in _software(layout.course_dir, set(data)) if entry.lstat().st_mode & 0o022
    ]
    for entry in writable[:_LISTED]:
        found.append(trainer.HUB_SOFTWARE_WRITABLE.format(path=entry, mode=_mode(entry)))
    if len(writable) > _LISTED:
        found.append(trainer.HUB_AND_MORE.format(count=len(writable) - _LISTED))
    for above in (*layout.course_dir.parents, *layout.exchange.parents):
        mode = above.stat().st_mode
        if mode & 0o022 and not mode & stat.S_ISVTX:
            found.append(trainer.HUB_PARENT_WRITABLE.format(path=above, mode=_mode(above)))
    found += _exchange_problems(layout, uid, gid)
    others = _group_members(gid) - {layout.owner}
    if others:
        found.append(
            trainer.HUB_GROUP_SHARED.format(
                group=grp.getgrgid(gid).gr_name, names=", ".join(sorted(others))
            )
        )
    for name, home in layout.homes():
        if home.is_dir() and home.stat().st_mode & 0o077:
            found.append(trainer.HUB_HOME_OPEN.format(path=home, name=name, mode=_mode(home)))
    return list(dict.fromkeys(found))


def refuse_to_start_if_exposed(layout: HubLayout) -> None:
    """Stop the hub with Dutch sentences while a volunteer could read what is not theirs."""
    try:
        found = problems(layout)
    except CourseDataError as exc:
        found = [str(exc)]
    if found:
        raise SystemExit("\n".join([trainer.HUB_REFUSED, *found, trainer.HUB_HOW_TO_FIX]))


def _exchange_problems(layout: HubLayout, uid: int, gid: int) -> list[str]:
    found: list[str] = []
    for folder, mode in layout.exchange_folders():
        if folder.is_symlink():
            found.append(trainer.HUB_DATA_LINK.format(path=folder))
            continue
        if not folder.is_dir():
            found.append(trainer.HUB_EXCHANGE_MISSING.format(path=folder))
            continue
        info = folder.stat()
        owners = (0, uid) if folder == layout.exchange else (uid,)
        wrong_group = mode & stat.S_ISGID and info.st_gid != gid
        if info.st_uid not in owners or wrong_group:
            found.append(trainer.HUB_EXCHANGE_OWNER.format(path=folder, owner=layout.owner))
        if stat.S_IMODE(info.st_mode) != mode:
            found.append(
                trainer.HUB_EXCHANGE_MODE.format(
                    path=folder, mode=_mode(folder), wanted=oct(mode)[2:]
                )
            )
    return found


def _group_members(gid: int) -> set[str]:
    """Who is in group ``gid``: its listed members and whoever has it as their own group."""
    try:
        listed = set(grp.getgrgid(gid).gr_mem)
    except KeyError:
        return set()
    return listed | {entry.pw_name for entry in pwd.getpwall() if entry.pw_gid == gid}


def _tree(path: Path) -> Iterator[Path]:
    yield path
    if path.is_dir() and not path.is_symlink():
        for folder, dirs, files in os.walk(path):
            for name in (*dirs, *files):
                yield Path(folder) / name


def _software(course_dir: Path, data: set[Path]) -> Iterator[Path]:
    """Everything in the course directory but its data; symlinks are not followed."""
    yield course_dir
    for folder, dirs, files in os.walk(course_dir):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in data]
        for name in (*dirs, *files):
            entry = here / name
            if entry not in data and not entry.is_symlink():
                yield entry
