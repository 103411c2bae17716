"""The trainers' action log: appended, read back in order, and robust to a broken line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coursekit.overview.actions import ACTIONS, Action, log_action, read_actions


def test_actions_are_read_back_in_the_order_they_were_logged(tmp_path: Path) -> None:
    first = Action(
        datetime(2026, 12, 1, 9, tzinfo=UTC),
        "tamara",
        "feedback",
        None,
        "eindtoets",
        True,
        "voor de inleverdatum",
    )
    second = Action(datetime(2026, 12, 2, 9, tzinfo=UTC), "tamara", "wissen", "piet")
    log_action(tmp_path, first)
    log_action(tmp_path, second)
    assert read_actions(tmp_path) == [first, second]


def test_a_broken_or_unknown_line_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    good = Action(datetime(2026, 12, 1, tzinfo=UTC), "tamara", "nakijken", forced=True)
    log_action(tmp_path, good)
    with (tmp_path / ACTIONS).open("a", encoding="utf-8") as handle:
        handle.write("{kapot\n")
        handle.write('{"at": "2026-12-01T00:00:00+00:00", "by": "x", "action": "iets"}\n')
        handle.write("[]\n")
    assert read_actions(tmp_path) == [good]


def test_an_unknown_action_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        log_action(tmp_path, Action(datetime(2026, 12, 1, tzinfo=UTC), "x", "iets"))
    assert not (tmp_path / ACTIONS).exists()
