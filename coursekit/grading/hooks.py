"""Hooks and settings for ``nbgrader_config.py``.

A trainer who tries a source notebook in JupyterLab and clicks its widget leaves an
answers file in ``solutions/``. nbgrader would release that file to every learner and,
at autograde, copy it over each learner's own answers. Two guards:

* :func:`remove_stray_answers`, the pre-convert hook of ``generate_assignment``,
  deletes such files before the release is made;
* :func:`answers_files_by_assignment` feeds ``Autograde.exclude_overwriting``, so
  autograde never replaces a learner's answers file with one from the source.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from coursekit.exercise.contract import ANSWERS_SUFFIX
from coursekit.text import trainer

log = logging.getLogger("coursekit.grading")


def remove_stray_answers(assignment: str, student: str, notebooks: Iterable[str]) -> None:
    """Delete answers files beside the source notebooks of an assignment."""
    for folder in {Path(nb).parent for nb in notebooks}:
        for stray in folder.glob(f"*{ANSWERS_SUFFIX}"):
            log.warning(trainer.LOG_STRAY_ANSWERS.format(path=stray))
            stray.unlink()


def answers_files_by_assignment(source_directory: Path) -> dict[str, list[str]]:
    """For every assignment folder: the answers files its notebooks may write."""
    return {
        folder.name: sorted(f"{nb.stem}{ANSWERS_SUFFIX}" for nb in folder.glob("*.ipynb"))
        for folder in sorted(source_directory.iterdir())
        if folder.is_dir()
    }
