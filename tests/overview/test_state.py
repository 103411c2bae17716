"""The rules of the trainer's overview on built data: what each state means, and what
needs the trainer (issue 18). No gradebook, no clock: the moment is passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coursekit.content.course import course
from coursekit.overview.state import (
    ExerciseFacts,
    OverviewSettings,
    VolunteerFacts,
    current_module,
    exercise_state,
    group_rows,
    last_activity,
    needs_trainer,
    passed_final,
    registered_name,
    volunteer_row,
)
from coursekit.progress.model import ModuleProgress

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SETTINGS = OverviewSettings()
MODULES = sorted(course().modules, key=lambda m: m.number)


def _done(days_ago: int) -> ModuleProgress:
    return ModuleProgress(begonnen=NOW - (days_ago + 1) * DAY, afgerond=NOW - days_ago * DAY)


def _begun(days_ago: int) -> ModuleProgress:
    return ModuleProgress(begonnen=NOW - days_ago * DAY)


def _texts(facts: VolunteerFacts, now: datetime = NOW) -> list[str]:
    return [need.text for need in needs_trainer(facts, SETTINGS, now)]


def _final(score: float, *, manual: bool = False) -> ExerciseFacts:
    return ExerciseFacts(
        "eindtoets",
        collected=NOW - DAY,
        graded=True,
        needs_manual_grade=manual,
        score=score,
        max_score=26,
    )


def test_the_name_is_the_registered_one_or_else_the_id() -> None:
    assert registered_name(VolunteerFacts("zoe", "Zoë", "Çelik")) == "Zoë Çelik"
    assert registered_name(VolunteerFacts("bram", "Bram", None)) == "Bram"
    assert registered_name(VolunteerFacts("x7", None, "  ")) == "x7"


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        (ExerciseFacts("a"), "open"),
        (ExerciseFacts("a", handed_in=NOW), "ingeleverd"),
        (ExerciseFacts("a", collected=NOW), "verzameld"),
        (ExerciseFacts("a", collected=NOW, graded=True, needs_manual_grade=True), "nakijken"),
        (ExerciseFacts("a", collected=NOW, graded=True), "nagekeken"),
        # handed in again after the graded one: it waits to be collected
        (ExerciseFacts("a", handed_in=NOW, collected=NOW - DAY, graded=True), "ingeleverd"),
    ],
)
def test_each_exercise_state(facts: ExerciseFacts, state: str) -> None:
    assert exercise_state(facts) == state


def test_a_reflection_waiting_for_manual_grading_needs_the_trainer() -> None:
    facts = VolunteerFacts(
        "bram",
        exercises=(
            ExerciseFacts("wat-niet-helpt", collected=NOW, graded=True, needs_manual_grade=True),
        ),
    )
    assert _texts(facts) == ["reflectie van wat-niet-helpt nakijken"]
    (need,) = needs_trainer(facts, SETTINGS, NOW)
    assert (need.kind, need.assignment) == ("nakijken", "wat-niet-helpt")


def test_a_hand_in_in_the_exchange_and_a_collected_one_need_the_trainer() -> None:
    facts = VolunteerFacts(
        "anna",
        exercises=(
            ExerciseFacts("jouw-rol", handed_in=NOW - DAY),
            ExerciseFacts("zo-help-je", collected=NOW - DAY),
        ),
    )
    assert _texts(facts) == [
        "jouw-rol is ingeleverd: verzamelen",
        "zo-help-je is verzameld, kijk het na met: coursekit grade zo-help-je",
    ]


def test_a_due_date_passed_without_a_hand_in_is_said_and_a_future_one_is_not() -> None:
    facts = VolunteerFacts(
        "carla",
        exercises=(
            ExerciseFacts("jouw-rol", due=NOW - timedelta(minutes=1)),
            ExerciseFacts("zo-help-je", due=NOW + DAY),
            ExerciseFacts("wat-niet-helpt"),
        ),
    )
    assert _texts(facts) == ["jouw-rol is niet ingeleverd en de inleverdatum is voorbij"]
    # a hand-in, even one not collected yet, is not overdue
    handed = VolunteerFacts(
        "carla", exercises=(ExerciseFacts("jouw-rol", due=NOW - DAY, handed_in=NOW),)
    )
    assert [n.kind for n in needs_trainer(handed, SETTINGS, NOW)] == ["verzamelen"]


def test_three_weeks_without_activity_needs_the_trainer_and_less_does_not() -> None:
    quiet = VolunteerFacts("dirk", progress={MODULES[1].id: _begun(21)})
    assert _texts(quiet) == ["al 3 weken niet actief"]
    assert _texts(VolunteerFacts("dirk", progress={MODULES[1].id: _begun(20)})) == []
    longer = VolunteerFacts("dirk", progress={MODULES[1].id: _begun(36)})
    assert _texts(longer) == ["al 5 weken niet actief"]
    # the newest activity counts, a hand-in too
    handed = VolunteerFacts(
        "dirk",
        exercises=(ExerciseFacts("jouw-rol", collected=NOW - 2 * DAY, graded=True),),
        progress={MODULES[1].id: _begun(40)},
    )
    assert _texts(handed) == []
    # the setting decides the number of weeks
    assert needs_trainer(quiet, OverviewSettings(inactive_weeks=4), NOW) == ()


def test_a_volunteer_with_no_activity_at_all_needs_nothing_yet() -> None:
    assert _texts(VolunteerFacts("eva", progress={})) == []
    assert _texts(VolunteerFacts("eva", progress=None)) == []


def test_the_final_assessment_passed_asks_to_confirm_the_certificate() -> None:
    # 19 of 26 is 73 %: passed (threshold 70 %)
    passed = VolunteerFacts("anna", exercises=(_final(19),))
    assert passed_final(passed, SETTINGS)
    assert _texts(passed) == ["eindtoets gehaald: bevestig het bewijs van deelname"]
    # exactly the threshold passes: 7 of 10
    exact = VolunteerFacts("anna", exercises=(replace_score(_final(7), 10),))
    assert passed_final(exact, SETTINGS)


def replace_score(facts: ExerciseFacts, maximum: float) -> ExerciseFacts:
    from dataclasses import replace

    return replace(facts, max_score=maximum)


def test_the_final_assessment_below_the_threshold_or_not_fully_graded_is_not_passed() -> None:
    below = VolunteerFacts("anna", exercises=(_final(18),))  # 69 %
    assert not passed_final(below, SETTINGS)
    assert _texts(below) == []
    waiting = VolunteerFacts("anna", exercises=(_final(22, manual=True),))
    assert not passed_final(waiting, SETTINGS)
    assert _texts(waiting) == ["reflectie van eindtoets nakijken"]
    # another exercise with a high score is not the final assessment
    other = VolunteerFacts(
        "anna",
        exercises=(ExerciseFacts("jouw-rol", collected=NOW, graded=True, score=10, max_score=10),),
    )
    assert not passed_final(other, SETTINGS)
    # the threshold and the final assessment come from the settings
    assert passed_final(below, OverviewSettings(pass_threshold=0.6))
    assert not passed_final(below, OverviewSettings(final_assessment="slottoets"))


def test_a_volunteer_who_passed_is_not_called_inactive() -> None:
    facts = VolunteerFacts(
        "anna",
        exercises=(_final(26),),
        progress={MODULES[1].id: _done(60)},
    )
    later = NOW + 8 * 7 * DAY
    assert _texts(facts, later) == ["eindtoets gehaald: bevestig het bewijs van deelname"]


def test_a_confirmed_certificate_no_longer_needs_the_trainer_and_only_a_pass_counts() -> None:
    passed = VolunteerFacts("anna", exercises=(_final(19),))
    below = VolunteerFacts("bram", exercises=(_final(18),))
    rows = {
        row.student_id: row
        for row in group_rows([passed, below], course(), SETTINGS, NOW, {"anna", "bram"})
    }
    assert rows["anna"].needs == ()
    assert rows["anna"].certificate_confirmed
    # a confirmation in the record for someone the gradebook does not show as passed
    # confirms nothing (the record is append-only; the gradebook may change after it)
    assert not rows["bram"].certificate_confirmed
    unconfirmed = volunteer_row(passed, course(), SETTINGS, NOW)
    assert [n.kind for n in unconfirmed.needs] == ["eindtoets"]
    assert not unconfirmed.certificate_confirmed


def test_the_current_module_and_the_modules_finished() -> None:
    first, second, third = MODULES[0], MODULES[1], MODULES[2]
    assert current_module(course(), None) == ("onbekend", None)
    assert current_module(course(), {}) == ("nog niet begonnen", None)
    busy = {first.id: _done(5), second.id: _begun(2)}
    assert current_module(course(), busy) == (f"{second.number} {second.title}", second.id)
    done = {first.id: _done(5), second.id: _done(2)}
    assert current_module(course(), done) == (
        f"{third.number} {third.title} (nog niet geopend)",
        third.id,
    )
    everything = {m.id: _done(1) for m in MODULES}
    assert current_module(course(), everything) == ("alle modules afgerond", None)

    row = volunteer_row(VolunteerFacts("anna", progress=busy), course(), SETTINGS, NOW)
    assert [(m.module_id, m.finished) for m in row.finished_modules] == [(first.id, NOW - 5 * DAY)]
    assert row.progress_known


def test_a_row_counts_hand_ins_grades_and_what_waits_and_sums_the_graded_points() -> None:
    facts = VolunteerFacts(
        "bram",
        "Bram",
        "Bakker",
        exercises=(
            ExerciseFacts(
                "wat-is-stalking", collected=NOW - 9 * DAY, graded=True, score=8.5, max_score=9
            ),
            ExerciseFacts(
                "jouw-rol",
                collected=NOW - 3 * DAY,
                graded=True,
                needs_manual_grade=True,
                score=7,
                max_score=10,
            ),
            ExerciseFacts("zo-help-je", handed_in=NOW - DAY),
            ExerciseFacts("wat-niet-helpt"),
        ),
    )
    row = volunteer_row(facts, course(), SETTINGS, NOW)
    assert (row.name, row.handed_in, row.graded, row.waiting) == ("Bram Bakker", 3, 1, 2)
    # only what is graded completely counts
    assert (row.score, row.max_score) == (8.5, 9)
    assert row.last_activity == NOW - DAY
    assert not row.progress_known and row.current_module == "onbekend"
    assert [s.state for s in row.exercises] == ["nagekeken", "nakijken", "ingeleverd", "open"]


def test_last_activity_is_none_without_any_and_rows_sort_by_name() -> None:
    assert last_activity(VolunteerFacts("x")) is None
    rows = group_rows(
        [VolunteerFacts("b", "zoë"), VolunteerFacts("a", "Anna"), VolunteerFacts("c")],
        course(),
        SETTINGS,
        NOW,
    )
    assert [r.name for r in rows] == ["Anna", "c", "zoë"]
