"""coursekit: item banks, quiz widgets, grading tools and the Voila template of the course."""

from coursekit.answers import check_answer, collect_answers
from coursekit.quiz import graded_sort, help_bar, sort

__all__ = ["check_answer", "collect_answers", "graded_sort", "help_bar", "sort"]
__version__ = "0.1.0"
