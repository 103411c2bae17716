"""The one list of what the checks read: the course, the catalogues, the templates.

The spelling and seed checks, the stray-number check and the test of the reviewed word
list all go through these two functions, so a new kind of text is added here, once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib.resources.abc import Traversable
from types import ModuleType

from coursekit.quality.catalogues import CATALOGUES, catalogue_entries, catalogue_texts
from coursekit.quality.course_files import CourseFiles
from coursekit.quality.templates import (
    MIJN_CURSUS_TEMPLATES,
    MIJN_CURSUS_TEMPLATES_NAME,
    TEMPLATES,
    template_texts,
)
from coursekit.quality.texts import Text, course_files_as_typed, course_texts


def readable_texts(
    course_files: CourseFiles,
    catalogues: Sequence[ModuleType] = CATALOGUES,
    templates: Traversable = TEMPLATES,
) -> Iterator[Text]:
    """Everything people read, as they read it (markup, placeholders and code taken out)."""
    yield from course_texts(course_files)
    yield from catalogue_texts(catalogues)
    yield from template_texts(templates)
    yield from template_texts(MIJN_CURSUS_TEMPLATES, MIJN_CURSUS_TEMPLATES_NAME)


def typed_texts(
    course_files: CourseFiles,
    catalogues: Sequence[ModuleType] = CATALOGUES,
    templates: Traversable = TEMPLATES,
) -> Iterator[tuple[str, str]]:
    """(name, text) of the same, as typed: for numbers that belong in the facts file."""
    yield from course_files_as_typed(course_files)
    yield from catalogue_entries(catalogues)
    yield from ((text.where, text.text) for text in template_texts(templates))
    mijn_cursus = template_texts(MIJN_CURSUS_TEMPLATES, MIJN_CURSUS_TEMPLATES_NAME)
    yield from ((text.where, text.text) for text in mijn_cursus)
