"""coursekit: item banks, quiz widgets, grading tools and the Voila template of the course.

The notebooks use the functions below, one per cell::

    from coursekit import sort
    sort("N")

They are loaded on first use (PEP 562): importing ``coursekit.content`` or
``coursekit.grading`` (JupyterHub, nbgrader) does not load ipywidgets or IPython.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coursekit.api import (
        conversation,
        graded,
        help_bar,
        help_line,
        mastery,
        numbers,
        recap,
        reflection,
        resources,
        review,
        scenario,
        sort,
        true_or_false,
    )
    from coursekit.exercise.checks import check_answer, check_answered, collect_answers

__all__ = [
    "check_answer",
    "check_answered",
    "collect_answers",
    "conversation",
    "graded",
    "help_bar",
    "help_line",
    "mastery",
    "numbers",
    "recap",
    "reflection",
    "resources",
    "review",
    "scenario",
    "sort",
    "true_or_false",
]
# Where each public name lives: the checks a graded notebook runs, and the practice API.
_CHECKS = {"check_answer", "check_answered", "collect_answers"}
_HOMES = {n: "coursekit.exercise.checks" if n in _CHECKS else "coursekit.api" for n in __all__}
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value  # once found, a plain attribute
        return value
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API and the version: what ``dir(coursekit)`` and completion offer."""
    return [*__all__, "__version__"]
