"""The group as the course's stores hold it now: one call for the command and the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coursekit.content.course import course as course_map
from coursekit.grading.config import course_folders, load_config
from coursekit.overview.certificate import confirmed_students
from coursekit.overview.gather import exchange_root, gather, overview_settings, read_progress
from coursekit.overview.state import OverviewSettings, VolunteerRow, group_rows
from coursekit.text import trainer


@dataclass(frozen=True)
class Group:
    """The course's folders, the overview's settings, one row per volunteer, and whether
    there is a progress store (on the hub) or not (one machine)."""

    folders: Any
    settings: OverviewSettings
    rows: list[VolunteerRow]
    has_progress: bool

    def row(self, student_id: str) -> VolunteerRow | None:
        return next((row for row in self.rows if row.student_id == student_id), None)


def read_group(root: Path, now: datetime) -> Group:
    """Read the course in ``root`` (the folder with nbgrader_config.py) as it is at ``now``.

    Raises :class:`coursekit.content.errors.CourseDataError` (one Dutch sentence) when the
    settings, the gradebook or the progress cannot be read.
    """
    config = load_config(root, missing=trainer.OV_NO_CONFIG)
    folders = course_folders(config)
    settings = overview_settings(config)
    progress = read_progress(folders.db_url)
    inbound = exchange_root(config) / folders.course_id / "inbound"
    volunteers = gather(
        folders.db_url, folders.root / "submitted", folders.autograded, inbound, progress
    )
    confirmed = confirmed_students(folders.root)
    rows = group_rows(volunteers, course_map(), settings, now, confirmed)
    return Group(folders, settings, rows, progress is not None)
