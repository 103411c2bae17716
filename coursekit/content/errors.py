"""The one exception type a content editor or trainer sees, with a sentence for people."""

from __future__ import annotations


class CourseDataError(ValueError):
    """A course file (item bank, facts, answers) is wrong; the message says what and where."""
