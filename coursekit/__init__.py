"""coursekit: item banks, quiz widgets, grading tools and the Voila template of the course.

The notebooks use the functions below, one per cell::

    from coursekit import sort
    sort("N")
"""

from coursekit.exercise.checks import check_answer, check_answered, collect_answers
from coursekit.quiz import (
    conversation,
    graded,
    help_bar,
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

__all__ = [
    "check_answer",
    "check_answered",
    "collect_answers",
    "conversation",
    "graded",
    "help_bar",
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
__version__ = "0.1.0"
