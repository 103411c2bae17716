"""What Mijn cursus shows: modules and exercises with their state and one next step.

Pure functions of what the exchange, the home folder and the progress service hold, so
the page's wording is tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from coursekit.content.course import Course
from coursekit.grading.feedback_data import dutch_number
from coursekit.mijn_cursus.exchange import Released
from coursekit.progress.model import ModuleProgress
from coursekit.text import learner

#: The course runs in the Netherlands: times are shown in Dutch time.
LOCAL = ZoneInfo("Europe/Amsterdam")
SITE = "/services/cursus/voila/render/"


def dutch_date(moment: datetime) -> str:
    local = moment.astimezone(LOCAL)
    month = learner.MONTHS[local.month - 1]
    return learner.MC_DATE.format(day=local.day, month=month, year=local.year)


def dutch_date_time(moment: datetime) -> str:
    local = moment.astimezone(LOCAL)
    month = learner.MONTHS[local.month - 1]
    return learner.MC_DATE_TIME.format(
        day=local.day, month=month, year=local.year, time=local.strftime("%H:%M")
    )


@dataclass(frozen=True)
class ModuleRow:
    id: str
    number: int
    title: str
    minutes: int
    state: str
    button: str
    href: str
    done: bool
    begun: bool


def module_rows(course: Course, progress: dict[str, ModuleProgress] | None) -> list[ModuleRow]:
    """Each module in course order with its state; no progress known: all 'nog niet begonnen'."""
    rows = []
    for module in sorted(course.modules, key=lambda m: m.number):
        state = (progress or {}).get(module.id)
        if state is not None and state.afgerond is not None:
            text = learner.MC_MODULE_DONE.format(date=dutch_date(state.afgerond))
            button, done, begun = learner.MC_MODULE_AGAIN, True, True
        elif state is not None and state.begonnen is not None:
            text, button, done, begun = (
                learner.MC_MODULE_BUSY,
                learner.MC_MODULE_CONTINUE,
                False,
                True,
            )
        else:
            text, button, done, begun = learner.MC_MODULE_NEW, learner.MC_MODULE_BEGIN, False, False
        rows.append(
            ModuleRow(
                module.id,
                module.number,
                module.title,
                module.minutes,
                text,
                button,
                f"{SITE}{module.file}#mijn-cursus",
                done,
                begun,
            )
        )
    return rows


@dataclass(frozen=True)
class ExerciseRow:
    name: str
    title: str
    due: str | None
    state: str
    #: The next step: its words, where it goes, and whether it is a form (POST) or a link.
    button: str
    href: str
    post: bool
    kind: str  # new, fetched, handed-in, graded
    late: bool = False


@dataclass(frozen=True)
class ExerciseFacts:
    """What the handler found out about one exercise before the row is worded."""

    released: Released
    title: str
    answered: int = 0
    total: int = 0
    score: tuple[float, float] | None = None  # (points, maximum) from the fetched feedback
    feedback: Path | None = None


def exercise_row(facts: ExerciseFacts, base: str, now: datetime) -> ExerciseRow:
    released = facts.released
    name = released.name
    page = f"{base}oefening/{name}"
    due = dutch_date_time(released.due) if released.due else None
    late = released.due is not None and now > released.due
    if facts.feedback is not None:
        if facts.score is not None:
            state = learner.MC_EXERCISE_GRADED.format(
                score=dutch_number(facts.score[0]), max_score=dutch_number(facts.score[1])
            )
        else:
            state = (
                learner.MC_EXERCISE_HANDED_IN.format(
                    moment=dutch_date_time(released.hand_ins[-1][0])
                )
                if released.hand_ins
                else learner.MC_EXERCISE_NEW
            )
        return ExerciseRow(
            name,
            facts.title,
            due,
            state,
            learner.MC_READ_FEEDBACK,
            f"{page}/feedback",
            False,
            "graded",
        )
    if released.hand_ins:
        moment = dutch_date_time(released.hand_ins[-1][0])
        if released.feedback_ready:
            state = learner.MC_EXERCISE_FEEDBACK_WAITING.format(moment=moment)
        else:
            state = learner.MC_EXERCISE_HANDED_IN.format(moment=moment)
        button = learner.MC_VIEW if late else learner.MC_HAND_IN_AGAIN
        return ExerciseRow(name, facts.title, due, state, button, page, False, "handed-in", late)
    if released.fetched:
        state = learner.MC_EXERCISE_FETCHED.format(answered=facts.answered, total=facts.total)
        return ExerciseRow(
            name, facts.title, due, state, learner.MC_CONTINUE, page, False, "fetched", late
        )
    return ExerciseRow(
        name,
        facts.title,
        due,
        learner.MC_EXERCISE_NEW,
        learner.MC_FETCH,
        f"{page}/ophalen",
        True,
        "new",
        late,
    )


def next_step(modules: list[ModuleRow], exercises: list[ExerciseRow]) -> str:
    """One sentence at the top: what to do next."""
    for row in exercises:
        if row.kind == "fetched":
            return learner.MC_NEXT_EXERCISE.format(title=row.title)
    for row in exercises:
        if row.kind == "new":
            return learner.MC_NEXT_FETCH.format(title=row.title)
    for module in modules:
        if not module.done:
            return learner.MC_NEXT_MODULE.format(title=module.title)
    return learner.MC_NEXT_DONE
