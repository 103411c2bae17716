"""The one list of what the checks read.

The spelling and seed checks, the stray-number check and the test of the reviewed word
list all go through these two functions, so a new kind of text is added here, once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import ModuleType

from coursekit.quality.catalogues import CATALOGUES, catalogue_entries
from coursekit.quality.course_files import CourseFiles
from coursekit.quality.texts import Text, course_files_as_typed, course_texts


def readable_texts(course_files: CourseFiles) -> Iterator[Text]:
    """Everything people read, as they read it (markup taken out)."""
    yield from course_texts(course_files)


def typed_texts(
    course_files: CourseFiles, catalogues: Sequence[ModuleType] = CATALOGUES
) -> Iterator[tuple[str, str]]:
    """(name, text) of the course files and the catalogues' sentences, as typed: for
    numbers that belong in the facts file."""
    yield from course_files_as_typed(course_files)
    yield from catalogue_entries(catalogues)
