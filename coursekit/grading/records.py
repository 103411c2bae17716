"""The course's own records: JSON lines in the course folder, only ever appended.

The feedback releases (:mod:`coursekit.grading.deadlines`), the certificates
(:mod:`coursekit.overview.certificate`) and the trainers' action log
(:mod:`coursekit.overview.actions`) are such files. A line is appended whole, under an
exclusive lock (trainers and services may write at the same time), and flushed to disk; a
reader skips a line that is not a JSON object, so one damaged line loses nothing else.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every line of ``path`` that is a JSON object, in order; no file: none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    found = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            found.append(entry)
    return found


def append_record(path: Path, entry: Mapping[str, Any]) -> None:
    """Append ``entry`` as one line (the file readable by its owner's group, not by all)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        write_record(handle, entry)


def write_record(handle: Any, entry: Mapping[str, Any]) -> None:
    """Write ``entry`` as one line to an open, locked record file, and flush it to disk."""
    handle.seek(0, os.SEEK_END)
    handle.write(json.dumps(dict(entry), ensure_ascii=False) + "\n")
    handle.flush()
    os.fsync(handle.fileno())
