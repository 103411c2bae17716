"""What is kept per volunteer and module, and what a report of progress may say.

Shared by the store (:mod:`coursekit.progress.store`), the service and the client, so the
three agree on one shape. Imports neither SQLAlchemy nor Tornado: the client in a
volunteer's server needs only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeGuard

from coursekit.content.course import course
from coursekit.text import learner

Event = Literal["begonnen", "afgerond"]
EVENTS: tuple[Event, ...] = ("begonnen", "afgerond")
# A closing quiz has at most this many questions; a score is goed out of van.
MAX_QUESTIONS = 100


class InvalidProgress(ValueError):
    """A report the store refuses; ``str()`` is one Dutch sentence saying what is wrong."""


@dataclass(frozen=True)
class ModuleProgress:
    """One volunteer's progress in one module: first opened, first mastered, and the score
    of that first mastery (``goed`` out of ``van``). None where it has not happened."""

    begonnen: datetime | None = None
    afgerond: datetime | None = None
    goed: int | None = None
    van: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The service's JSON: times as ISO 8601 in UTC, absent ones as null."""
        return {
            "begonnen": _time_to_json(self.begonnen),
            "afgerond": _time_to_json(self.afgerond),
            "goed": self.goed,
            "van": self.van,
        }

    @classmethod
    def from_json(cls, data: Any) -> ModuleProgress:
        """The inverse of :meth:`to_json`; ValueError when ``data`` is not of that shape."""
        if not isinstance(data, dict):
            raise ValueError(f"not a progress object: {data!r}")
        goed, van = data.get("goed"), data.get("van")
        if not (_optional_int(goed) and _optional_int(van)):
            raise ValueError(f"not a score: {goed!r} of {van!r}")
        return cls(
            begonnen=_time_from_json(data.get("begonnen")),
            afgerond=_time_from_json(data.get("afgerond")),
            goed=goed,
            van=van,
        )


def check_event(event: object) -> Event:
    """``event`` as an Event, or InvalidProgress."""
    if event == "begonnen":
        return "begonnen"
    if event == "afgerond":
        return "afgerond"
    raise InvalidProgress(learner.PROGRESS_BAD_EVENT.format(event=event))


def check_module(module_id: object) -> str:
    """``module_id`` if the course has a module with that stable id, or InvalidProgress."""
    if not isinstance(module_id, str) or course().by_id(module_id) is None:
        raise InvalidProgress(learner.PROGRESS_UNKNOWN_MODULE.format(module_id=module_id))
    return module_id


def check_score(event: Event, goed: object, van: object) -> tuple[int | None, int | None]:
    """A first-try score: both absent, or whole numbers with 0 <= goed <= van, 1 <= van <= 100.

    Only mastery ("afgerond") has a score.
    """
    if goed is None and van is None:
        return None, None
    if event != "afgerond":
        raise InvalidProgress(learner.PROGRESS_SCORE_ONLY_WHEN_DONE.format(event=event))
    if not (_whole(goed) and _whole(van) and 0 <= goed <= van and 1 <= van <= MAX_QUESTIONS):
        raise InvalidProgress(learner.PROGRESS_BAD_SCORE.format(most=MAX_QUESTIONS))
    return goed, van


def _whole(value: object) -> TypeGuard[int]:
    # JSON's true and 3.0 are not a number of questions.
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_int(value: object) -> TypeGuard[int | None]:
    return value is None or _whole(value)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive time (SQLite keeps no zone) is taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _time_to_json(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).isoformat()


def _time_from_json(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    return as_utc(datetime.fromisoformat(value))
