"""nbgrader's exchange as the volunteer: list, fetch, submit and fetch feedback.

Through nbgrader's exchange classes (``ExchangeFactory``), never its command line, with the
nbgrader settings of the volunteer's server (``deploy/jupyterhub/volunteer``: the course,
the shared exchange, the hub name as student id, ``PrivateSubmit``). Every call blocks
(it copies files): the handlers run it in a thread. Nothing here changes the working
folder of the server: the exercises' folder is given to nbgrader as ``assignment_dir``.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from nbgrader.apps import NbGrader
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory
from nbgrader.utils import parse_utc
from traitlets.config import Config

from coursekit.grading.deadlines import as_utc
from coursekit.grading.exchange import DUE_SUFFIX


class HandInError(Exception):
    """The exchange refused, or could not be reached; the handler says it in Dutch."""


@cache
def load_nbgrader_config(home: Path) -> Config:
    """nbgrader's settings as the volunteer's server sees them, for exercises in ``home``.

    Read once per server (the files do not change while it runs); callers do not change
    it: each exchange call works on a copy."""
    app = NbGrader()
    # The course's settings only (JUPYTER_CONFIG_PATH), not a file in the working folder.
    app.load_cwd_config = False
    app.load_config_file()
    config: Config = app.config
    config.Exchange.assignment_dir = str(home)
    config.CourseDirectory.root = str(home)
    return config


def _exchange(config: Config, what: str, assignment: str | None = None, **settings: Any) -> Any:
    config = copy.deepcopy(config)  # settings for this one call only
    if assignment is not None:
        config.CourseDirectory.assignment_id = assignment
    for key, value in settings.items():
        setattr(config.ExchangeList, key, value)
    coursedir = CourseDirectory(config=config)
    authenticator = Authenticator(config=config)
    factory = ExchangeFactory(config=config)
    return getattr(factory, what)(coursedir=coursedir, authenticator=authenticator, config=config)


def _run(config: Config, what: str, assignment: str | None = None, **settings: Any) -> Any:
    try:
        return _exchange(config, what, assignment, **settings).start()
    except ExchangeError as refused:
        raise HandInError(str(refused)) from refused
    except OSError as failed:  # not writable, full, gone
        raise HandInError(str(failed)) from failed


@dataclass
class Released:
    """One exercise as the exchange shows it to this volunteer."""

    name: str
    fetched: bool
    #: The hand-ins, oldest first: (their time, the cached hand-in folder).
    hand_ins: list[tuple[datetime, Path]] = field(default_factory=list)
    feedback_ready: bool = False  # in the exchange, not yet fetched (or updated)
    feedback_path: Path | None = None  # the newest fetched feedback folder
    due: datetime | None = None


def list_exercises(config: Config) -> list[Released]:
    """Every exercise released to this volunteer or handed in by them, by name."""
    found: dict[str, Released] = {}
    for info in _run(config, "List"):
        name = info["assignment_id"]
        found[name] = Released(name, info["status"] == "fetched")
        found[name].due = read_due(Path(info["path"]), name)
    for info in _run(config, "List", cached=True):
        name = info["assignment_id"]
        entry = found.setdefault(name, Released(name, True))
        for hand_in in info["submissions"]:
            moment = as_utc(parse_utc(hand_in["timestamp"]))
            entry.hand_ins.append((moment, Path(hand_in["path"])))
            if hand_in.get("has_exchange_feedback") and (
                not hand_in.get("has_local_feedback") or hand_in.get("feedback_updated")
            ):
                entry.feedback_ready = True
            if hand_in.get("local_feedback_path"):
                entry.feedback_path = Path(hand_in["local_feedback_path"])
        entry.hand_ins.sort()
    return sorted(found.values(), key=lambda r: r.name)


def fetch(config: Config, name: str) -> None:
    _run(config, "FetchAssignment", name)


def submit(config: Config, name: str) -> None:
    _run(config, "Submit", name)


def fetch_feedback(config: Config, name: str) -> None:
    _run(config, "FetchFeedback", name)


def read_due(folder: Path, name: str) -> datetime | None:
    """The due date the release wrote beside the exercise (``<name>.termijn.json``), if any."""
    try:
        data = json.loads((folder / f"{name}{DUE_SUFFIX}").read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data.get("schema_version") == 1):
            return None
        due = data.get("inleveren_voor")
        return None if due is None else datetime.fromisoformat(due).astimezone(UTC)
    except (OSError, ValueError, TypeError):
        return None


def outbound_folder(config: Config, name: str) -> Path:
    """Where the exchange keeps the released exercise ``name``."""
    root = (
        Path(config.Exchange.root) if "root" in config.Exchange else Path("/srv/nbgrader/exchange")
    )
    return root / str(config.CourseDirectory.course_id) / "outbound" / name


def due_of(config: Config, home: Path, name: str) -> datetime | None:
    """The due date, from the fetched folder or, before fetching, from the exchange."""
    due = read_due(home / name, name)
    return due if due is not None else read_due(outbound_folder(config, name), name)


def now() -> datetime:
    return datetime.now(UTC)


def environment_user() -> str | None:
    return os.environ.get("JUPYTERHUB_USER")
