"""Due dates: no feedback before hand-in closes (unless forced, and logged), and no hand-in
after the feedback (issue 13). Feedback shows the right answers for wrong ones."""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coursekit.grading.deadlines import (
    RELEASES,
    feedback_released_at,
    late_after_feedback,
    record_release,
    release_refused,
)
from coursekit.text import trainer
from tests.support.nbgrader import (
    EXERCISE,
    answer_key,
    click,
    coursekit_grade,
    nbgrader,
    submit,
)

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_without_a_release_no_hand_in_is_late(tmp_path: Path) -> None:
    assert late_after_feedback(tmp_path, EXERCISE, "anna", NOON) is None


def test_a_hand_in_after_the_first_release_is_refused_and_one_before_it_is_not(
    tmp_path: Path,
) -> None:
    record_release(tmp_path, EXERCISE, "*", NOON, "trainer", False, None)
    record_release(tmp_path, EXERCISE, "bram", NOON + timedelta(days=1), "trainer", False, None)
    record_release(tmp_path, "andere-opdracht", "*", NOON - timedelta(days=9), "t", False, None)
    assert feedback_released_at(tmp_path, EXERCISE) == NOON
    before = NOON - timedelta(minutes=1)
    assert late_after_feedback(tmp_path, EXERCISE, "anna", before) is None
    naive_after = datetime(2026, 12, 1, 12, 1)  # nbgrader's naive times mean UTC
    assert late_after_feedback(tmp_path, EXERCISE, "anna", naive_after) == (
        trainer.LATE_AFTER_FEEDBACK.format(
            student="anna",
            assignment=EXERCISE,
            submitted="2026-12-01 12:01 UTC",
            released="2026-12-01 12:00 UTC",
        )
    )


def test_a_broken_line_in_the_release_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / RELEASES).write_text('kapot\n{"assignment": 3}\n[]\n', encoding="utf-8")
    record_release(tmp_path, EXERCISE, "*", NOON, "trainer", False, None)
    assert feedback_released_at(tmp_path, EXERCISE) == NOON


def test_feedback_waits_for_the_due_date_unless_forced() -> None:
    due = NOON
    refused = release_refused(due, due - timedelta(seconds=1), forced=False)
    assert refused == trainer.FEEDBACK_BEFORE_DUE.format(due="2026-12-01 12:00 UTC")
    assert release_refused(due, due - timedelta(days=3), forced=True) is None
    assert release_refused(due, due, forced=False) is None
    assert release_refused(None, due, forced=False) is None


def _release(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", "release_feedback", EXERCISE, *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def graded(course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course with an exchange, one volunteer's submission graded and feedback made."""
    monkeypatch.setenv("COURSEKIT_EXCHANGE", str(tmp_path / "exchange"))
    (tmp_path / "exchange").mkdir()
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    anna = submit(course, "anna")
    click(anna, answer_key(course))
    (anna / "submission_secret.txt").write_text("geheim", encoding="utf-8")  # as submit writes
    nbgrader(course, "autograde", EXERCISE, "--force")
    nbgrader(course, "generate_feedback", EXERCISE, "--force")
    return course


def _released(exchange: Path) -> list[Path]:
    return sorted(exchange.rglob("*.html"))


@pytest.mark.nbgrader
def test_release_before_the_due_date_is_refused_then_forced_and_logged(
    graded: Path, tmp_path: Path
) -> None:
    course, exchange = graded, tmp_path / "exchange"
    due = datetime.now(UTC) + timedelta(days=2)
    nbgrader(course, "db", "assignment", "add", EXERCISE, f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC")
    refused = _release(course)
    assert refused.returncode != 0
    shown = due.strftime("%Y-%m-%d %H:%M UTC")
    assert trainer.FEEDBACK_BEFORE_DUE.format(due=shown) in refused.stdout + refused.stderr
    assert _released(exchange) == []
    assert not (course / RELEASES).exists()

    forced = _release(course, "--FeedbackRelease.before_due_date=True")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert len(_released(exchange)) == 1
    (entry,) = [json.loads(line) for line in (course / RELEASES).read_text("utf-8").splitlines()]
    assert entry["assignment"] == EXERCISE and entry["forced"] is True
    assert entry["by"] == getpass.getuser() and entry["students"] == "*"
    at = datetime.fromisoformat(entry["at"])
    assert abs(at - datetime.now(UTC)) < timedelta(minutes=5)


@pytest.mark.nbgrader
def test_after_the_due_date_feedback_is_released_and_a_later_hand_in_is_not_graded(
    graded: Path, tmp_path: Path
) -> None:
    course = graded
    nbgrader(course, "db", "assignment", "add", EXERCISE, "--duedate=2026-11-27 00:00:00 UTC")
    released = _release(course)
    assert released.returncode == 0, released.stdout + released.stderr
    (entry,) = [json.loads(line) for line in (course / RELEASES).read_text("utf-8").splitlines()]
    assert entry["forced"] is False

    key = answer_key(course)
    late = submit(course, "bram")  # handed in with the key from anna's feedback
    click(late, key)
    (late / "timestamp.txt").write_text(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S.%f} UTC", "utf-8")
    no_time = submit(course, "cas")
    click(no_time, key)
    (no_time / "timestamp.txt").unlink()
    click(submit(course, "daan"), key)  # stamped 2026-11-26, before the feedback
    run = coursekit_grade(course, EXERCISE, "--workers", "2")
    output = run.stdout
    assert "  - bram: bram leverde wat-niet-helpt in op" in output, output
    assert f"  - cas: {trainer.LATE_NO_TIMESTAMP.format(student='cas', assignment=EXERCISE)}" in (
        output
    )
    assert "daan: 8 van 10 punten" in output, output
    assert not (course / "autograded" / "bram").exists()
