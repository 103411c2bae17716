"""The retention setting (``c.GroupOverview.retention_weeks``, Groep beheren, issue 18): on
built data, when a volunteer's retention has passed the overview asks the trainer to erase
them; without the setting nothing is ever due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coursekit.content.errors import CourseDataError
from coursekit.grading.config import load_config
from coursekit.overview.gather import overview_settings
from coursekit.overview.state import (
    ExerciseFacts,
    OverviewSettings,
    VolunteerFacts,
    needs_trainer,
)

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
WEEK = timedelta(weeks=1)


def _last_seen(weeks_ago: float) -> VolunteerFacts:
    handed_in = ExerciseFacts("wat-niet-helpt", collected=NOW - weeks_ago * WEEK, graded=True)
    return VolunteerFacts("zoe", "Zoë", "Çelik", exercises=(handed_in,))


def _kinds(facts: VolunteerFacts, settings: OverviewSettings) -> list[str]:
    return [need.kind for need in needs_trainer(facts, settings, NOW)]


def test_past_the_retention_the_trainer_is_asked_to_erase() -> None:
    settings = OverviewSettings(retention_weeks=26)
    needs = needs_trainer(_last_seen(26), settings, NOW)
    assert needs[-1].kind == "bewaartermijn"
    assert needs[-1].text == "bewaartermijn voorbij: wissen"
    assert "bewaartermijn" not in _kinds(_last_seen(25.9), settings)


def test_without_the_setting_or_without_activity_nothing_is_due() -> None:
    assert "bewaartermijn" not in _kinds(_last_seen(520), OverviewSettings())
    never = VolunteerFacts("bram", "Bram")
    assert _kinds(never, OverviewSettings(retention_weeks=1)) == []


def _config(folder: Path, lines: str) -> object:
    (folder / "nbgrader_config.py").write_text(f"c = get_config()\n{lines}", encoding="utf-8")
    return load_config(folder, missing="{folder}")


def test_the_setting_is_read_from_the_course_and_checked(tmp_path: Path) -> None:
    assert overview_settings(_config(tmp_path, "")).retention_weeks is None
    found = overview_settings(_config(tmp_path, "c.GroupOverview.retention_weeks = 52\n"))
    assert found.retention_weeks == 52
    with pytest.raises(CourseDataError, match=r"^De instelling c\.GroupOverview"):
        overview_settings(_config(tmp_path, "c.GroupOverview.retention_weeks = 0\n"))
