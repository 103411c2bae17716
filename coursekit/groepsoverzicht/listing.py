"""The overview's rows as the trainer asks for them: sorted by a column, filtered, counted.

Pure functions of the rows (:class:`~coursekit.overview.state.VolunteerRow`) and of the
query's words (``?sorteer=punten&richting=af&toon=wacht&naam=bram``), so that the page
works without script and every rule is tested without a server. A word the page does not
know is not an error: the default is used, and :attr:`Listing.unknown` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coursekit.content.course import Course
from coursekit.overview.state import VolunteerRow

#: The sortable columns, in the table's order: the query word, and the sort key.
SORT_COLUMNS: tuple[str, ...] = (
    "naam",
    "afgerond",
    "module",
    "ingeleverd",
    "nagekeken",
    "wacht",
    "punten",
    "actief",
    "trainer",
)
#: The filters: the query word (``toon=``); "alle" shows everyone.
FILTERS: tuple[str, ...] = ("alle", "wacht", "inactief", "geslaagd", "niet-begonnen")
DIRECTIONS = ("op", "af")
#: Needs that are work waiting for the trainer now (not a due date passed or inactivity).
WAITING_KINDS = frozenset({"nakijken", "verzamelen", "autograde", "eindtoets"})


@dataclass(frozen=True)
class Listing:
    """What the page shows: the rows, and the query that chose them."""

    rows: list[VolunteerRow]
    total: int
    sort: str
    direction: str
    show: str
    name: str
    #: The query words given with a value the page does not know (``sorteer``, ``toon``,
    #: ``richting``), in that order; the page says it used the default instead.
    unknown: tuple[str, ...]


def module_position(course: Course) -> Callable[[VolunteerRow], float]:
    """A row's place in the course, for sorting by "the module they are in": not started
    first, then by the current module's number, everyone finished last; unknown before all."""
    numbers = {m.id: m.number for m in course.modules}

    def position(row: VolunteerRow) -> float:
        if not row.progress_known:
            return -1.0
        if row.current_module_id is not None:
            return float(numbers.get(row.current_module_id, 0))
        return float("inf") if row.finished_modules else 0.0

    return position


def _keys(course: Course) -> Mapping[str, Callable[[VolunteerRow], Any]]:
    position = module_position(course)
    return {
        "naam": lambda r: (r.name.casefold(), r.student_id),
        "afgerond": lambda r: len(r.finished_modules) if r.progress_known else -1,
        "module": position,
        "ingeleverd": lambda r: r.handed_in,
        "nagekeken": lambda r: r.graded,
        "wacht": lambda r: r.waiting,
        "punten": lambda r: r.score,
        # Never active sorts as the oldest.
        "actief": lambda r: r.last_activity.timestamp() if r.last_activity else float("-inf"),
        "trainer": lambda r: len(r.needs),
    }


def matches(row: VolunteerRow, show: str) -> bool:
    """Whether a row belongs to a filter (an unknown filter shows everyone)."""
    if show == "wacht":
        return any(need.kind in WAITING_KINDS for need in row.needs)
    if show == "inactief":
        return any(need.kind == "inactief" for need in row.needs)
    if show == "geslaagd":
        return row.passed_final
    if show == "niet-begonnen":
        return row.last_activity is None and row.handed_in == 0
    return True


def _word(query: Mapping[str, str], key: str, allowed: Sequence[str], unknown: list[str]) -> str:
    value = query.get(key, "").strip().casefold()
    if value and value not in allowed:
        unknown.append(key)
        return allowed[0]
    return value or allowed[0]


def listing(
    rows: Sequence[VolunteerRow],
    query: Mapping[str, str],
    course: Course,
) -> Listing:
    """The rows for this query: filtered by ``toon`` and ``naam`` (part of the name or
    id, any case), sorted by ``sorteer`` (``op``: small to large, ``af``: the reverse);
    ties keep the name order."""
    unknown: list[str] = []
    sort = _word(query, "sorteer", SORT_COLUMNS, unknown)
    direction = _word(query, "richting", DIRECTIONS, unknown)
    show = _word(query, "toon", FILTERS, unknown)
    name = " ".join(query.get("naam", "").split())[:100]
    wanted = name.casefold()
    chosen = [
        r
        for r in rows
        if matches(r, show)
        and (not wanted or wanted in r.name.casefold() or wanted in r.student_id.casefold())
    ]
    by_name = sorted(chosen, key=_keys(course)["naam"])
    ordered = sorted(by_name, key=_keys(course)[sort], reverse=direction == "af")
    return Listing(ordered, len(rows), sort, direction, show, name, tuple(unknown))


@dataclass(frozen=True)
class ModuleCount:
    number: int
    title: str
    finished: int


def module_counts(rows: Sequence[VolunteerRow], course: Course) -> list[ModuleCount]:
    """Per module, in course order: how many volunteers finished it."""
    counts = {m.id: 0 for m in course.modules}
    for row in rows:
        for done in row.finished_modules:
            if done.module_id in counts:
                counts[done.module_id] += 1
    return [
        ModuleCount(m.number, m.title, counts[m.id])
        for m in sorted(course.modules, key=lambda m: m.number)
    ]
