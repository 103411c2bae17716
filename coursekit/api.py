"""The public API the notebooks use: one call per quiz, one line per cell.

Every function returns a widget. Practice widgets check answers in the kernel and
show feedback at once; ``graded`` records answers for nbgrader and shows none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from coursekit.content.course import course
from coursekit.content.guidance import guidance_title, matches
from coursekit.content.kinds import (
    CLAIMS,
    CONVERSATIONS,
    REFLECTIONS,
    SCENARIOS,
    SITUATIONS,
    STATEMENTS,
    packaged_item,
    packaged_items,
)
from coursekit.practice import markup, shared
from coursekit.practice.checking import BinaryItem, draw
from coursekit.practice.conversation import ConversationPractice
from coursekit.practice.help import help_line as _help_line
from coursekit.practice.help import help_lines, organisations
from coursekit.practice.mastery import Mastery
from coursekit.practice.number_match import NumberMatch
from coursekit.practice.reflection import ReflectionBox
from coursekit.practice.scenario import ScenarioChoice
from coursekit.practice.statement_sort import StatementSort
from coursekit.practice.true_false import TrueFalse
from coursekit.text import learner

if TYPE_CHECKING:
    # Graded mode is for exercises, not module pages: loaded when first used.
    from coursekit.exercise.widget import GradedQuiz


def _wanted(guidance: str | Sequence[str]) -> list[str]:
    return [guidance] if isinstance(guidance, str) else list(guidance)


def _statements(guidance: str | Sequence[str]) -> list[BinaryItem]:
    chosen: list[BinaryItem] = [
        s for s in packaged_items(STATEMENTS) if matches(s.guidance, _wanted(guidance))
    ]
    if not chosen:
        raise ValueError(f"no practice statements for {guidance!r} yet")
    return chosen


def _claims(guidance: str | Sequence[str] | None) -> list[BinaryItem]:
    claims = packaged_items(CLAIMS)
    return [c for c in claims if guidance is None or matches(c.guidance, _wanted(guidance))]


def sort(
    guidance: int | str | Sequence[str],
    seed: int | None = None,
    confidence: bool = False,
    size: int | None = None,
) -> StatementSort:
    """Statement sort by module number (5), section ('N') or points (['N2', 'H4'])."""
    if isinstance(guidance, int):
        guidance = course().module(guidance).guidance
    return StatementSort(draw(_statements(guidance), seed, size), seed=seed, confidence=confidence)


def true_or_false(
    guidance: str | Sequence[str] | None = None, seed: int | None = None, size: int | None = None
) -> TrueFalse:
    """True-or-false claims from the fact banks, for some guidance or all of them."""
    claims = _claims(guidance)
    if not claims:
        raise ValueError(f"no claims for {guidance!r} yet")
    return TrueFalse(draw(claims, seed, size), seed=seed)


def numbers(
    guidance: str | Sequence[str] | None = None, size: int | None = None, seed: int | None = None
) -> NumberMatch:
    """'Welk nummer bel je?': the situations for some guidance, or ``size`` drawn from them."""
    situations = packaged_items(SITUATIONS)
    chosen = [s for s in situations if guidance is None or matches(s.guidance, _wanted(guidance))]
    if not chosen:
        raise ValueError(f"no situations for {guidance!r} yet")
    return NumberMatch(chosen if size is None else draw(chosen, seed, size))


def scenario(scenario_id: str) -> ScenarioChoice:
    """One scenario question by its ID."""
    return ScenarioChoice(packaged_item(SCENARIOS, scenario_id))


def conversation(conversation_id: str) -> ConversationPractice:
    """A conversation practice by its ID (a file in coursekit/banks/conversations)."""
    return ConversationPractice(packaged_item(CONVERSATIONS, conversation_id))


def reflection(reflection_id: str) -> ReflectionBox:
    """A reflection prompt by its ID; what the learner writes is never stored."""
    return ReflectionBox(packaged_item(REFLECTIONS, reflection_id))


def recap(module: int, size: int = 4, seed: int | None = None) -> widgets.Widget:
    """3-5 statements and claims from the modules before this one (spaced retrieval)."""
    earlier = course().guidance_before(module)
    pool = [s for s in packaged_items(STATEMENTS) if earlier and matches(s.guidance, earlier)]
    if not pool:
        return shared.html(markup.recap_nothing())
    return StatementSort(
        draw(pool, seed, max(3, min(size, 5))), seed=seed, title=learner.RECAP_TITLE
    )


def mastery(module: int, threshold: float = 0.8, size: int = 8, seed: int | None = None) -> Mastery:
    """The module's closing quiz: done at ``threshold`` right on first tries. Reaching it
    marks the page with the module's stable id and the score (see Mastery). It has no
    heading of its own: the notebook's "## Toets jezelf" names it."""
    found = course().module(module)
    pool = _statements(found.guidance)
    return Mastery(
        pool,
        StatementSort,
        threshold=threshold,
        size=size,
        seed=seed,
        title="",
        module_id=found.id,
        topic=lambda item: (_topic_title(item, found.guidance), None),
    )


def review(size: int = 10, seed: int | None = None) -> Mastery:
    """The closing review: statements from every module of the course, in rounds. It has
    no heading of its own: the notebook's "## Herhaling van de hele cursus" names it."""
    modules = course().modules
    everything = [gid for module in modules for gid in module.guidance]
    pool = _statements(everything)

    def topic(item: BinaryItem) -> tuple[str, str | None]:
        gid = _topic_id(item, everything)
        home = next(module.title for module in modules if matches([gid], module.guidance))
        return guidance_title(gid), home

    return Mastery(
        pool, StatementSort, threshold=0.8, size=size, seed=seed, title="", review=True, topic=topic
    )


def _topic_id(item: BinaryItem, wanted: Sequence[str]) -> str:
    """The first guidance point of a statement that the quiz asks about."""
    guidance: Sequence[str] = getattr(item, "guidance", ())
    return next(gid for gid in guidance if matches([gid], wanted))


def _topic_title(item: BinaryItem, wanted: Sequence[str]) -> str:
    return guidance_title(_topic_id(item, wanted))


def graded(exercise_id: str) -> GradedQuiz:
    """Graded mode: the questions of an exercise, answers saved for nbgrader, no feedback."""
    from coursekit.exercise.widget import GradedQuiz

    return GradedQuiz(exercise_id)


def help_bar() -> widgets.HTML:
    """The help lines, from the facts file."""
    return help_lines()


def help_line(line_id: str) -> widgets.HTML:
    """One help line ('zelfmoordpreventie') with its numbers, to show them in the prose."""
    return _help_line(line_id)


def resources() -> widgets.HTML:
    """The organisations the course names: what each offers and its website."""
    return organisations()
