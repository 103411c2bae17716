"""The course's ``nbgrader_config.py``: read in one place, for every grading command.

``coursekit grade`` and ``coursekit report`` both read the course's settings here, the
way nbgrader does (traitlets executes the file). A folder without the file, or a file
that does not run, is a :class:`~coursekit.content.errors.CourseDataError` with one Dutch
sentence naming the folder, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer

CONFIG_FILE = "nbgrader_config.py"


def load_config(root: Path, *, missing: str) -> Any:
    """The course's ``nbgrader_config.py`` as a traitlets Config.

    ``missing`` is the sentence for a folder without the file (with ``{folder}``): each
    command tells the trainer how to name the course folder its own way. The course
    directory's root defaults to ``root``, where the file was found.
    """
    from traitlets.config.loader import PyFileConfigLoader

    if not (root / CONFIG_FILE).is_file():
        raise CourseDataError(missing.format(folder=root))
    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as exc:  # the course's own file: any error in it stops here, in Dutch
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseDataError(trainer.IA_BAD_CONFIG.format(folder=root, reason=reason)) from None
    if not config.CourseDirectory.get("root"):
        config.CourseDirectory.root = str(root)
    return config


@dataclass(frozen=True)
class GradingCourse:
    """Where nbgrader keeps things, as the course's settings (or nbgrader's defaults) say."""

    root: Path
    course_id: str
    db_url: str
    source: Callable[[str], Path]
    autograded: Callable[[str, str], Path]


def course_folders(config: Any) -> GradingCourse:
    """The folders and gradebook of a loaded config, resolved by nbgrader's CourseDirectory."""
    from nbgrader.coursedir import CourseDirectory

    cd = CourseDirectory(config=config)
    return GradingCourse(
        root=Path(cd.root),
        course_id=str(cd.course_id),
        db_url=str(cd.db_url),
        source=lambda a: Path(cd.format_path(cd.source_directory, ".", a)),
        autograded=lambda s, a: Path(cd.format_path(cd.autograded_directory, s, a)),
    )


def load_course(root: Path, *, missing: str) -> GradingCourse:
    """Read the course's settings and resolve its folders; see :func:`load_config`."""
    return course_folders(load_config(root, missing=missing))
