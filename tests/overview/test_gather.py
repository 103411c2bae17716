"""What the overview reads from the course's nbgrader_config.py: its own settings
(``c.GroupOverview``) and where the exchange is."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.content.errors import CourseDataError
from coursekit.grading.config import load_config
from coursekit.overview.gather import exchange_root, overview_settings
from coursekit.overview.state import OverviewSettings


def _config(folder: Path, lines: str) -> object:
    (folder / "nbgrader_config.py").write_text(f"c = get_config()\n{lines}", encoding="utf-8")
    return load_config(folder, missing="{folder}")


def test_without_settings_the_defaults_hold(tmp_path: Path) -> None:
    assert overview_settings(_config(tmp_path, "")) == OverviewSettings(
        final_assessment="eindtoets", pass_threshold=0.7, inactive_weeks=3
    )


def test_the_course_settings_change_the_threshold_weeks_and_final_assessment(
    tmp_path: Path,
) -> None:
    lines = (
        "c.GroupOverview.pass_threshold = 0.8\n"
        "c.GroupOverview.inactive_weeks = 2\n"
        "c.GroupOverview.final_assessment = 'slottoets'\n"
    )
    assert overview_settings(_config(tmp_path, lines)) == OverviewSettings("slottoets", 0.8, 2)


def test_a_threshold_above_100_percent_is_one_dutch_sentence(tmp_path: Path) -> None:
    config = _config(tmp_path, "c.GroupOverview.pass_threshold = 70\n")
    with pytest.raises(CourseDataError, match=r"^De instelling c\.GroupOverview in nbgrader"):
        overview_settings(config)


def test_the_exchange_is_where_the_settings_say_or_nbgraders_default(tmp_path: Path) -> None:
    assert exchange_root(_config(tmp_path, "")) == Path("/usr/local/share/nbgrader/exchange")
    moved = _config(tmp_path, "c.Exchange.root = '/srv/nbgrader/exchange'\n")
    assert exchange_root(moved) == Path("/srv/nbgrader/exchange")
