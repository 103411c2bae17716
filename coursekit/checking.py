"""Checking answers: pure functions, no widgets.

The widgets call these and show the result; the tests call them directly.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from coursekit.item_bank import Label, Statement


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering one statement."""

    correct: bool
    answer: Label
    label: Label
    why: str
    better: str | None


def check(statement: Statement, answer: Label) -> Feedback:
    """Check one answer to one statement."""
    return Feedback(
        correct=answer is statement.label,
        answer=answer,
        label=statement.label,
        why=statement.why,
        better=statement.better,
    )


@dataclass(frozen=True)
class Score:
    """First-try results of a round of statements."""

    correct: int
    total: int


def score(results: list[Feedback]) -> Score:
    """Count the correct answers in a list of feedback."""
    return Score(correct=sum(1 for r in results if r.correct), total=len(results))


def draw(statements: Sequence[Statement], seed: int | None = None) -> list[Statement]:
    """The statements in a shuffled order: reproducible for a seed, fresh without one."""
    drawn = list(statements)
    random.Random(seed).shuffle(drawn)
    return drawn
