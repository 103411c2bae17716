"""What Mijn cursus says about modules and exercises: states, buttons, the next step."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from coursekit.content.course import course
from coursekit.mijn_cursus.exchange import Released
from coursekit.mijn_cursus.overview import (
    ExerciseFacts,
    dutch_date,
    dutch_date_time,
    exercise_row,
    module_rows,
    next_step,
)
from coursekit.progress.model import ModuleProgress
from coursekit.text import learner

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
BASE = "/user/anna/mijn-cursus/"


def test_dates_are_dutch_in_dutch_time() -> None:
    assert dutch_date(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)) == "2 maart 2026"
    assert dutch_date_time(datetime(2026, 7, 14, 12, 5, tzinfo=UTC)) == "14 juli 2026 om 14:05"


def test_modules_are_in_course_order_with_their_state_and_one_button() -> None:
    first, second, third = (m.id for m in course().modules[:3])
    progress = {
        first: ModuleProgress(begonnen=NOW, afgerond=datetime(2026, 12, 4, 10, tzinfo=UTC)),
        second: ModuleProgress(begonnen=NOW),
    }
    rows = module_rows(course(), progress)
    assert [r.id for r in rows] == [m.id for m in sorted(course().modules, key=lambda m: m.number)]
    assert (rows[0].state, rows[0].button) == (
        learner.MC_MODULE_DONE.format(date="4 december 2026"),
        learner.MC_MODULE_AGAIN,
    )
    assert (rows[1].state, rows[1].button) == (learner.MC_MODULE_BUSY, learner.MC_MODULE_CONTINUE)
    assert (rows[2].state, rows[2].button) == (learner.MC_MODULE_NEW, learner.MC_MODULE_BEGIN)
    assert rows[2].id == third
    assert rows[0].href == f"/services/cursus/voila/render/{course().modules[0].file}#mijn-cursus"
    # Without progress (service down) every module reads as not begun, none as done.
    assert {r.state for r in module_rows(course(), None)} == {learner.MC_MODULE_NEW}
    assert next_step(rows, []) == learner.MC_NEXT_MODULE.format(title=rows[1].title)


def _facts(released: Released, **more: object) -> ExerciseFacts:
    return ExerciseFacts(released, "Oefening: wat helpt niet?", **more)  # type: ignore[arg-type]


def test_an_exercise_goes_from_new_to_graded_with_one_next_step_each() -> None:
    due = datetime(2026, 12, 10, 22, 59, tzinfo=UTC)
    new = exercise_row(_facts(Released("wat-niet-helpt", False, due=due)), BASE, NOW)
    assert (new.state, new.button, new.post) == (learner.MC_EXERCISE_NEW, learner.MC_FETCH, True)
    assert new.href == f"{BASE}oefening/wat-niet-helpt/ophalen"
    assert new.due == "10 december 2026 om 23:59"
    fetched = exercise_row(
        _facts(Released("wat-niet-helpt", True, due=due), answered=3, total=8), BASE, NOW
    )
    assert fetched.state == "opgehaald, 3 van 8 beantwoord"
    assert (fetched.button, fetched.post) == (learner.MC_CONTINUE, False)
    handed_in = Released("wat-niet-helpt", True, due=due)
    handed_in.hand_ins = [(datetime(2026, 12, 5, 8, 15, tzinfo=UTC), Path("x"))]
    row = exercise_row(_facts(handed_in), BASE, NOW)
    assert row.state == "ingeleverd op 5 december 2026 om 09:15"
    assert row.button == learner.MC_HAND_IN_AGAIN
    late = exercise_row(_facts(handed_in), BASE, datetime(2026, 12, 11, tzinfo=UTC))
    assert late.button == learner.MC_VIEW and late.late
    graded = exercise_row(_facts(handed_in, score=(7.0, 10.0), feedback=Path("f")), BASE, NOW)
    assert graded.state == "nagekeken: 7 van 10 punten"
    assert (graded.button, graded.href) == (
        learner.MC_READ_FEEDBACK,
        f"{BASE}oefening/wat-niet-helpt/feedback",
    )
    # The next step: an exercise begun comes before a new one, both before modules.
    assert next_step([], [graded, new, fetched]) == learner.MC_NEXT_EXERCISE.format(
        title=fetched.title
    )
    assert next_step([], [graded, new]) == learner.MC_NEXT_FETCH.format(title=new.title)
    assert next_step([], [graded]) == learner.MC_NEXT_DONE
