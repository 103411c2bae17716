"""Checking answers: pure functions, no widgets, for every practice question type.

The widgets call these and show the result; the tests call them directly. Every
function here is deterministic: draws take a seed, so a test can repeat them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from coursekit.content.conversations import Choice, Conversation
from coursekit.content.fact_items import Situation
from coursekit.content.scenarios import Scenario


class BinaryItem(Protocol):
    """An item with two possible answers: a statement (helps or not), a claim (true or not)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def better(self) -> str | None: ...


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering one item: the values, never display text."""

    correct: bool
    answer: str
    key: str
    why: str
    better: str | None = None


def check(item: BinaryItem, answer: str) -> Feedback:
    """Check one answer ('helpful', 'harmful', 'true', 'false') to a two-answer item."""
    return Feedback(
        correct=answer == item.key, answer=answer, key=item.key, why=item.why, better=item.better
    )


@dataclass(frozen=True)
class Attempt:
    """One answer as a widget records it: for scores, mastery and graded mode."""

    item_id: str
    answer: str
    correct: bool
    first_try: bool
    confidence: str | None = None


@dataclass(frozen=True)
class Score:
    """First-try results of a round."""

    correct: int
    total: int

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


def score(attempts: Iterable[Attempt]) -> Score:
    """Count first tries and how many of them were right."""
    first = [a for a in attempts if a.first_try]
    return Score(correct=sum(1 for a in first if a.correct), total=len(first))


def missed(attempts: Iterable[Attempt]) -> list[str]:
    """The item IDs whose first try was wrong, in the order answered."""
    return [a.item_id for a in attempts if a.first_try and not a.correct]


T = TypeVar("T")


def draw(items: Sequence[T], seed: int | None = None, size: int | None = None) -> list[T]:
    """Items in a shuffled order, ``size`` of them at most: the same for a seed, fresh without."""
    drawn = list(items)
    random.Random(seed).shuffle(drawn)
    return drawn if size is None else drawn[:size]


def is_mastered(result: Score, threshold: float) -> bool:
    """A module counts as done when the share right on first tries reaches the threshold."""
    return result.total > 0 and result.share >= threshold


def next_pool(
    pool: Sequence[T], seen: set[str], size: int, seed: int | None, key: str = "id"
) -> list[T]:
    """Items for a retry: fresh ones (not seen yet) first, then seen ones, ``size`` in all."""
    fresh = [item for item in pool if getattr(item, key) not in seen]
    used = [item for item in pool if getattr(item, key) in seen]
    return (draw(fresh, seed) + draw(used, seed))[:size]


@dataclass(frozen=True)
class ScenarioFeedback:
    """Feedback on one choice: the chosen answer's own feedback; the best text once found."""

    correct: bool
    answer: str
    feedback: str


def check_scenario(scenario: Scenario, option_id: str) -> ScenarioFeedback:
    """Check one choice in a scenario."""
    option = scenario.option(option_id)
    return ScenarioFeedback(
        correct=option_id == scenario.best, answer=option_id, feedback=option.feedback
    )


def check_line(situation: Situation, line_id: str) -> bool:
    """Whether the chosen help line fits the situation."""
    return line_id == situation.line


@dataclass(frozen=True)
class Step:
    """The result of one choice: what it meant, and what comes next."""

    choice: Choice
    next_id: str
    ended: bool


def take(conversation: Conversation, node_id: str, choice_index: int) -> Step:
    """Follow one choice from a turn."""
    choice = conversation.turns[node_id].choices[choice_index]
    return Step(choice=choice, next_id=choice.next, ended=choice.next in conversation.endings)


def touched_guidance(path: Iterable[Choice]) -> list[str]:
    """The guidance IDs a path touched, in the order first met."""
    seen: list[str] = []
    for choice in path:
        for gid in choice.guidance:
            if gid not in seen:
                seen.append(gid)
    return seen
