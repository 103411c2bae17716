"""Kernels ready for a lesson (coursekit.site.lesson_pools): the settings and the schedule.

The server side (a pool filled for a lesson, a bad setting that stops the server with a
sentence) is in tests/browser/test_voila_lessons.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.site.lesson_pools import Lesson, LessonSettingError, parse_lessons, wanted_sizes

FIRST = "01-wat-is-stalking.ipynb"


def _lesson(**changes: object) -> dict[str, object]:
    return {"module": "wat-is-stalking", "kernels": 30, "from": "19:00", "until": "21:30"} | changes


def test_a_module_is_named_by_its_id_its_file_or_its_file_without_ipynb() -> None:
    for name in ("wat-is-stalking", FIRST, "01-wat-is-stalking"):
        (lesson,) = parse_lessons([_lesson(module=name)], max_kernels=100)
        assert lesson == Lesson(FIRST, 30, dt.time(19), dt.time(21, 30))


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"module": "module-1"}, 'there is no module "module-1"'),
        ({"kernels": "30"}, '"kernels" must be a whole number'),
        ({"kernels": -1}, '"kernels" must be a whole number'),
        ({"kernels": True}, '"kernels" must be a whole number'),
        ({"kernels": 101}, "more than this server allows in total (100"),
        ({"from": "7 uur"}, '"from" is "7 uur"; write a time as 19:00'),
        ({"until": "24:00"}, '"until" is "24:00"'),
        ({"until": "19:00"}, '"from" and "until" are the same time'),
        ({"dag": "dinsdag"}, "unknown setting dag"),
    ],
)
def test_a_bad_lesson_is_named_with_what_is_wrong(changes: dict[str, object], says: str) -> None:
    good = _lesson(module="jouw-rol")
    with pytest.raises(LessonSettingError) as error:
        parse_lessons([good, _lesson(**changes)], max_kernels=100)
    assert str(error.value).startswith("LessonPools.lessons, lesson 2")
    assert says in str(error.value)


def test_a_lesson_wants_its_kernels_only_during_its_hours() -> None:
    evening, late = parse_lessons(
        [
            _lesson(),
            _lesson(module="jouw-rol", kernels=12, **{"from": "22:00", "until": "01:00"}),
        ],
        max_kernels=100,
    )
    role = late.notebook
    assert wanted_sizes([evening, late], dt.time(18, 59)) == {FIRST: 0, role: 0}
    assert wanted_sizes([evening, late], dt.time(19, 0)) == {FIRST: 30, role: 0}
    assert wanted_sizes([evening, late], dt.time(21, 29)) == {FIRST: 30, role: 0}
    assert wanted_sizes([evening, late], dt.time(21, 30)) == {FIRST: 0, role: 0}
    assert wanted_sizes([evening, late], dt.time(23, 0)) == {FIRST: 0, role: 12}
    assert wanted_sizes([evening, late], dt.time(0, 30)) == {FIRST: 0, role: 12}
    assert wanted_sizes([evening, late], dt.time(1, 0)) == {FIRST: 0, role: 0}


def test_two_lessons_of_one_module_at_once_want_the_larger_pool() -> None:
    lessons = parse_lessons(
        [_lesson(kernels=10), _lesson(kernels=25, **{"from": "20:00", "until": "20:30"})],
        max_kernels=100,
    )
    assert wanted_sizes(lessons, dt.time(19, 30)) == {FIRST: 10}
    assert wanted_sizes(lessons, dt.time(20, 15)) == {FIRST: 25}
