"""The public API the notebooks use: one call per quiz, one line per cell."""

from __future__ import annotations

import ipywidgets as widgets

from coursekit.exercise import GradedSort
from coursekit.facts import help_lines
from coursekit.item_bank import packaged_bank
from coursekit.statement_sort import StatementSort

_BANKS = {"N": "statements_n"}


def sort(guidance: str, seed: int | None = None) -> StatementSort:
    """A statement sort over the practice statements of a section ('N') or point ('N3')."""
    section = guidance.rstrip("0123456789")
    if section not in _BANKS:
        raise ValueError(f"no practice statements for {guidance!r} yet")
    return StatementSort(packaged_bank(_BANKS[section]).select(guidance), seed=seed)


def graded_sort(exercise_id: str) -> GradedSort:
    """The graded statement sort of an exercise, saving to its answers file."""
    return GradedSort(exercise_id)


def help_bar() -> widgets.HTML:
    """The help lines, from the facts file."""
    return help_lines()
