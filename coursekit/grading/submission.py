"""What of a hand-in reaches grading: the notebooks and their answers files, nothing else.

nbgrader copies every file of ``submitted/<student>/<assignment>/`` into the folder where
the grading kernel runs, following symlinks and reading special files: a ``coursekit.py``
beside the notebook replaced the course package, a symlink brought in another
volunteer's answers or the solution, ``/dev/zero`` filled the disk. ``coursekit grade``
therefore hands nbgrader a private copy of each submission, made here: only regular files
with the name of one of the assignment's notebooks, its answers file, the hand-in time
or the exchange's secret,
each read without following a link and up to :data:`MAX_FILE_BYTES`. A symlink, a special
file or a file too large is refused with one Dutch sentence naming the student and file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from coursekit.exercise.contract import ANSWERS_SUFFIX
from coursekit.text import trainer

#: The largest file copied from a hand-in; a notebook with outputs stays well below.
MAX_FILE_BYTES = 5 * 2**20
TIMESTAMP = "timestamp.txt"
#: Written by nbgrader's exchange at hand-in; generate_feedback needs it in autograded/.
SECRET = "submission_secret.txt"


@dataclass(frozen=True)
class Staged:
    """A submission's private copy: what was refused, and whether a notebook was."""

    refused: tuple[str, ...] = ()
    notebook_refused: bool = False


def allowed_names(notebooks: list[str]) -> set[str]:
    """The files a hand-in may contribute: each notebook, its answers file, the time and
    the exchange's secret."""
    stems = [Path(name).stem for name in notebooks]
    return {
        TIMESTAMP,
        SECRET,
        *(f"{s}.ipynb" for s in stems),
        *(f"{s}{ANSWERS_SUFFIX}" for s in stems),
    }


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a regular file up to ``limit``, never through a link; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def stage(submitted: Path, staged: Path, student: str, notebooks: list[str]) -> Staged:
    """Copy the allowed files of ``submitted`` into ``staged``; report what was refused."""
    staged.mkdir(parents=True, exist_ok=True)
    allowed = allowed_names(notebooks)
    refused: list[str] = []
    notebook_refused = False
    try:
        entries = sorted(os.scandir(submitted), key=lambda e: e.name)
    except OSError:
        return Staged()
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode) and entry.name not in allowed):
            continue  # never copied, and harmless where it is
        sentence = ""
        if stat.S_ISLNK(info.st_mode):
            sentence = trainer.GRADE_REFUSED_LINK
        elif not stat.S_ISREG(info.st_mode):
            sentence = trainer.GRADE_REFUSED_SPECIAL
        elif info.st_size > MAX_FILE_BYTES:
            sentence = trainer.GRADE_REFUSED_TOO_BIG
        data = None if sentence else read_regular(Path(entry.path))
        if data is None:
            limit = MAX_FILE_BYTES // 2**20
            sentence = sentence or trainer.GRADE_REFUSED_SPECIAL
            refused.append(sentence.format(student=student, file=entry.name, limit=limit))
            notebook_refused = notebook_refused or entry.name.endswith(".ipynb")
            continue
        (staged / entry.name).write_bytes(data)
    return Staged(tuple(refused), notebook_refused)
