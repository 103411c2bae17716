"""The state of a group: one row per volunteer, and what in it needs the trainer.

Pure functions of what the course stores (gathered by :mod:`coursekit.overview.gather`)
and of a moment passed in, so every rule is tested on built data without a clock, a
gradebook or a hub. The rows are the data contract of the trainer's overview: the command
``coursekit overzicht`` prints them, and the web page (issue 18) shows the same rows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from coursekit.content.course import Course
from coursekit.progress.model import ModuleProgress, as_utc
from coursekit.text import trainer

#: An exercise of one volunteer, from the trainer's side:
#: ``open`` nothing handed in; ``ingeleverd`` in the exchange, not yet collected;
#: ``verzameld`` collected, not yet graded; ``nakijken`` graded by the computer, a
#: reflection waits for the trainer; ``nagekeken`` graded.
ExerciseStateName = Literal["open", "ingeleverd", "verzameld", "nakijken", "nagekeken"]
#: What a need is about, for sorting and filtering: the reflection to grade, a hand-in
#: to collect, a collected one to grade, a due date passed, the final assessment passed,
#: no activity for weeks.
NeedKind = Literal[
    "nakijken",
    "verzamelen",
    "autograde",
    "termijn",
    "eindtoets",
    "inactief",
    # Groep beheren: the course's retention (c.GroupOverview.retention_weeks) has passed.
    "bewaartermijn",
]


@dataclass(frozen=True)
class OverviewSettings:
    """The course's settings for the overview (``c.GroupOverview`` in nbgrader_config.py)."""

    #: The graded final assessment; passing it makes a volunteer ready for a certificate.
    final_assessment: str = "eindtoets"
    #: The share of the final assessment's points that passes (0.7 is 70 %).
    pass_threshold: float = 0.7
    #: A volunteer not active for this many weeks needs the trainer.
    inactive_weeks: int = 3
    #: The organisation's name, as the certificate prints it; "" when it is not set.
    organisation: str = ""
    #: Keep a volunteer's data this many weeks after their last activity; None: until the
    #: trainer erases them (Groep beheren).
    retention_weeks: int | None = None


@dataclass(frozen=True)
class ExerciseFacts:
    """What the gradebook, ``submitted/`` and the exchange hold about one exercise of one
    volunteer. Times are aware (UTC); None where there is nothing."""

    assignment: str
    #: The due date with the volunteer's extension, or None.
    due: datetime | None = None
    #: The newest hand-in in the exchange that is not yet collected.
    handed_in: datetime | None = None
    #: When the collected hand-in was made (its timestamp.txt), if one was collected.
    collected: datetime | None = None
    #: Graded by ``coursekit grade`` (a submission in the gradebook).
    graded: bool = False
    needs_manual_grade: bool = False
    score: float = 0.0
    max_score: float = 0.0


@dataclass(frozen=True)
class VolunteerFacts:
    """One volunteer as the course stores them."""

    student_id: str
    first_name: str | None = None
    last_name: str | None = None
    #: One entry per exercise in the gradebook, in the gradebook's order.
    exercises: tuple[ExerciseFacts, ...] = ()
    #: Per module id; None when there is no progress store (no hub): "onbekend".
    progress: Mapping[str, ModuleProgress] | None = None


@dataclass(frozen=True)
class FinishedModule:
    """A module the volunteer finished (first mastery), and when."""

    module_id: str
    number: int
    title: str
    finished: datetime


@dataclass(frozen=True)
class ExerciseState:
    """One exercise in a volunteer's row (the page's details of a row)."""

    assignment: str
    state: ExerciseStateName
    score: float
    max_score: float
    due: datetime | None
    #: The hand-in the state is about: the uncollected one, else the collected one.
    handed_in: datetime | None


@dataclass(frozen=True)
class Need:
    """Something that needs the trainer, in words, with what it is about."""

    kind: NeedKind
    text: str
    assignment: str | None = None


@dataclass(frozen=True)
class VolunteerRow:
    """One volunteer in the trainer's overview: the data contract of the page and the CSV."""

    student_id: str
    #: As the trainer registered it: first and last name from the gradebook, else the id.
    name: str
    #: False when there is no progress store: the module columns say "onbekend".
    progress_known: bool
    finished_modules: tuple[FinishedModule, ...]
    #: The module the volunteer is in, worded ("3 Jouw rol", "nog niet begonnen",
    #: "alle modules afgerond", "onbekend").
    current_module: str
    #: Its stable id, None when there is none.
    current_module_id: str | None
    exercises: tuple[ExerciseState, ...]
    handed_in: int
    graded: int
    #: Hand-ins waiting for the trainer: to collect, to grade, or a reflection to grade.
    waiting: int
    #: Points of the exercises graded completely, out of their maximum.
    score: float
    max_score: float
    last_activity: datetime | None
    #: The final assessment is graded completely and reaches the threshold.
    passed_final: bool
    needs: tuple[Need, ...]
    #: A trainer confirmed the passed final assessment: the certificate can be issued.
    certificate_confirmed: bool = False


def registered_name(facts: VolunteerFacts) -> str:
    """The name the trainer put in the gradebook, or the id when there is none."""
    name = " ".join(part.strip() for part in (facts.first_name, facts.last_name) if part)
    return name.strip() or facts.student_id


def exercise_state(facts: ExerciseFacts) -> ExerciseStateName:
    """Where one exercise is, from the trainer's side; a new hand-in after the collected
    one counts first (it waits to be collected)."""
    if facts.handed_in is not None:
        return "ingeleverd"
    if facts.collected is not None and not facts.graded:
        return "verzameld"
    if facts.graded:
        return "nakijken" if facts.needs_manual_grade else "nagekeken"
    return "open"


def finished_modules(
    course: Course, progress: Mapping[str, ModuleProgress] | None
) -> tuple[FinishedModule, ...]:
    """The modules finished, in course order; unknown module ids are left out."""
    done = []
    for module in sorted(course.modules, key=lambda m: m.number):
        state = (progress or {}).get(module.id)
        if state is not None and state.afgerond is not None:
            done.append(FinishedModule(module.id, module.number, module.title, state.afgerond))
    return tuple(done)


def current_module(
    course: Course, progress: Mapping[str, ModuleProgress] | None
) -> tuple[str, str | None]:
    """The module the volunteer is in, worded, and its id.

    The last module (in course order) begun and not finished; else the first module after
    the last one finished; no progress store: "onbekend".
    """
    if progress is None:
        return trainer.OV_UNKNOWN, None
    modules = sorted(course.modules, key=lambda m: m.number)
    busy = [m for m in modules if (s := progress.get(m.id)) and s.afgerond is None and s.begonnen]
    if busy:
        module = busy[-1]
        return trainer.OV_MODULE.format(number=module.number, title=module.title), module.id
    finished = [i for i, m in enumerate(modules) if (s := progress.get(m.id)) and s.afgerond]
    if not finished:
        return trainer.OV_NOT_STARTED, None
    after = [m for m in modules[finished[-1] + 1 :] if m.id not in progress]
    if not after:
        return trainer.OV_ALL_MODULES_DONE, None
    module = after[0]
    return trainer.OV_MODULE_NEXT.format(number=module.number, title=module.title), module.id


def last_activity(facts: VolunteerFacts) -> datetime | None:
    """The newest moment the course stores of this volunteer: a module opened or finished,
    a hand-in collected or waiting in the exchange."""
    moments = [
        moment
        for state in (facts.progress or {}).values()
        for moment in (state.begonnen, state.afgerond)
        if moment is not None
    ]
    for exercise in facts.exercises:
        moments += [m for m in (exercise.handed_in, exercise.collected) if m is not None]
    return max((as_utc(m) for m in moments), default=None)


def passed_final(facts: VolunteerFacts, settings: OverviewSettings) -> bool:
    """The final assessment is graded completely and its score reaches the threshold."""
    for exercise in facts.exercises:
        if exercise.assignment != settings.final_assessment:
            continue
        if exercise_state(exercise) != "nagekeken" or exercise.max_score <= 0:
            return False
        return exercise.score >= settings.pass_threshold * exercise.max_score - 1e-9
    return False


def needs_trainer(
    facts: VolunteerFacts, settings: OverviewSettings, now: datetime, confirmed: bool = False
) -> tuple[Need, ...]:
    """What in this volunteer's state needs the trainer, in the order to act on it.

    Per exercise: a reflection to grade, a hand-in to collect, a collected hand-in to grade,
    a due date passed without a hand-in. Then the final assessment passed (the trainer
    confirms the certificate, unless ``confirmed``: a trainer did), or no activity for
    ``inactive_weeks`` weeks. Nothing: ().
    """
    now = as_utc(now)
    needs: list[Need] = []
    for exercise in facts.exercises:
        name = exercise.assignment
        state = exercise_state(exercise)
        if state == "nakijken":
            needs.append(Need("nakijken", trainer.OV_NEED_GRADE_REFLECTION.format(a=name), name))
        elif state == "ingeleverd":
            needs.append(Need("verzamelen", trainer.OV_NEED_COLLECT.format(a=name), name))
        elif state == "verzameld":
            needs.append(Need("autograde", trainer.OV_NEED_AUTOGRADE.format(a=name), name))
        elif state == "open" and exercise.due is not None and as_utc(exercise.due) < now:
            needs.append(Need("termijn", trainer.OV_NEED_OVERDUE.format(a=name), name))
    if passed_final(facts, settings):
        if not confirmed:
            needs.append(Need("eindtoets", trainer.OV_NEED_CONFIRM_CERTIFICATE))
    else:
        last = last_activity(facts)
        if last is not None:
            weeks = (now - last) // timedelta(weeks=1)
            if weeks >= settings.inactive_weeks:
                needs.append(Need("inactief", trainer.OV_NEED_INACTIVE.format(weeks=weeks)))
    if retention_passed(facts, settings, now):
        needs.append(Need("bewaartermijn", trainer.OV_NEED_RETENTION))
    return tuple(needs)


def retention_passed(facts: VolunteerFacts, settings: OverviewSettings, now: datetime) -> bool:
    """The course keeps data ``retention_weeks`` after a volunteer's last activity; past
    that the trainer erases them. No setting, or no activity to count from: not passed."""
    last = last_activity(facts)
    if settings.retention_weeks is None or last is None:
        return False
    return as_utc(now) - last >= timedelta(weeks=settings.retention_weeks)


def volunteer_row(
    facts: VolunteerFacts,
    course: Course,
    settings: OverviewSettings,
    now: datetime,
    confirmed: bool = False,
) -> VolunteerRow:
    """One volunteer's row of the overview; ``confirmed``: a trainer confirmed the
    certificate (the organisation's record, overview.certificate)."""
    states = tuple(
        ExerciseState(
            assignment=e.assignment,
            state=exercise_state(e),
            score=e.score if e.graded else 0.0,
            max_score=e.max_score if e.graded else 0.0,
            due=e.due,
            handed_in=e.handed_in or e.collected,
        )
        for e in facts.exercises
    )
    graded = [s for s in states if s.state == "nagekeken"]
    passed = passed_final(facts, settings)
    current, current_id = current_module(course, facts.progress)
    return VolunteerRow(
        student_id=facts.student_id,
        name=registered_name(facts),
        progress_known=facts.progress is not None,
        finished_modules=finished_modules(course, facts.progress),
        current_module=current,
        current_module_id=current_id,
        exercises=states,
        handed_in=sum(s.state != "open" for s in states),
        graded=sum(s.state == "nagekeken" for s in states),
        waiting=sum(s.state in ("ingeleverd", "verzameld", "nakijken") for s in states),
        score=sum(s.score for s in graded),
        max_score=sum(s.max_score for s in graded),
        last_activity=last_activity(facts),
        passed_final=passed,
        needs=needs_trainer(facts, settings, now, confirmed and passed),
        certificate_confirmed=confirmed and passed,
    )


def group_rows(
    volunteers: Sequence[VolunteerFacts],
    course: Course,
    settings: OverviewSettings,
    now: datetime,
    confirmed: Collection[str] = (),
) -> list[VolunteerRow]:
    """The whole group, sorted by registered name (then id); ``confirmed``: the ids whose
    certificate a trainer confirmed."""
    rows = [volunteer_row(v, course, settings, now, v.student_id in confirmed) for v in volunteers]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.student_id))
