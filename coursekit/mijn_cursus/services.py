"""The two services Mijn cursus reads through other layers: progress and feedback.

``coursekit.progress.client`` (the hub service ``voortgang``) and
``coursekit.grading.feedback_data`` (the JSON block in a feedback page) are looked up
when first used, so a server without the progress service (``make serve``, a test) still
shows its pages; every call here may block and runs in a thread.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class ProgressDown(Exception):
    """The progress service cannot be reached or refused; the page says so in one sentence."""


@dataclass(frozen=True)
class ModuleState:
    """What the progress service holds about one module of this volunteer."""

    begonnen: datetime | None
    afgerond: datetime | None
    goed: int | None
    van: int | None


def _progress_module() -> Any | None:
    try:
        return importlib.import_module("coursekit.progress.client")
    except ImportError:
        return None


def progress_client() -> Any | None:
    """The volunteer's progress client, or None where there is no progress service."""
    module = _progress_module()
    return None if module is None else module.ProgressClient.from_environment()


def _down(module: Any) -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]
    for name in ("ProgressUnavailable", "ProgressRefused"):
        if hasattr(module, name):
            errors.append(getattr(module, name))
    return tuple(errors)


def my_progress() -> dict[str, ModuleState]:
    """Every module this volunteer started, by module id; ProgressDown when unavailable."""
    module = _progress_module()
    client = None if module is None else module.ProgressClient.from_environment()
    if client is None:
        raise ProgressDown()
    try:
        rows = client.mine()
    except _down(module) as failed:
        raise ProgressDown(str(failed)) from failed
    return {
        module_id: ModuleState(row.begonnen, row.afgerond, row.goed, row.van)
        for module_id, row in rows.items()
    }


def record_progress(module_id: str, event: str, goed: int | None, van: int | None) -> None:
    module = _progress_module()
    client = None if module is None else module.ProgressClient.from_environment()
    if client is None:
        raise ProgressDown()
    try:
        client.record(module_id, event, goed=goed, van=van)
    except _down(module) as failed:
        raise ProgressDown(str(failed)) from failed


def forget_progress() -> int:
    module = _progress_module()
    client = None if module is None else module.ProgressClient.from_environment()
    if client is None:
        raise ProgressDown()
    try:
        return int(client.forget())
    except _down(module) as failed:
        raise ProgressDown(str(failed)) from failed


def feedback_module() -> Any | None:
    try:
        return importlib.import_module("coursekit.grading.feedback_data")
    except ImportError:
        return None
