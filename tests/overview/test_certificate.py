"""The Bewijs van deelname's rules on built rows (issue 18): refused unless the final
assessment is passed and a trainer confirmed it; the code's form; the same certificate
every time; looked up by code; kept when a volunteer deletes their progress. The record is
a real file in a temporary course folder; the progress a real SQLite table."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coursekit.content.course import course
from coursekit.overview.certificate import (
    ALPHABET,
    RECORD,
    CertificateRefused,
    confirm,
    issue,
    lookup,
    new_code,
    normal_code,
)
from coursekit.overview.state import (
    ExerciseFacts,
    OverviewSettings,
    VolunteerFacts,
    VolunteerRow,
    volunteer_row,
)
from coursekit.progress.store import forget, mine, record, upgrade

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
CODE = re.compile(
    r"^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{2}$"
)


def _row(
    student: str = "anna", score: float = 20, first: str = "Anna", last: str = "de Vries"
) -> VolunteerRow:
    final = ExerciseFacts(
        "eindtoets", collected=NOW - timedelta(days=1), graded=True, score=score, max_score=26
    )
    facts = VolunteerFacts(student, first, last, exercises=(final,), progress={})
    return volunteer_row(facts, course(), OverviewSettings(), NOW)


def test_a_volunteer_who_did_not_pass_is_refused_in_one_dutch_sentence(tmp_path: Path) -> None:
    row = _row(score=10)
    assert not row.passed_final
    confirm(tmp_path, row.student_id, "trainer1", NOW)
    with pytest.raises(CertificateRefused, match=r"^Anna de Vries heeft de eindtoets \(nog\) niet"):
        issue(tmp_path, row, "trainer1", NOW)
    assert "uitgereikt" not in (tmp_path / RECORD).read_text(encoding="utf-8")


def test_a_passed_volunteer_not_yet_confirmed_is_refused_and_told_how(tmp_path: Path) -> None:
    row = _row()
    assert row.passed_final
    with pytest.raises(CertificateRefused) as refused:
        issue(tmp_path, row, "trainer1", NOW)
    assert str(refused.value).endswith("coursekit bewijs bevestig anna")
    assert "\n" not in str(refused.value)


def test_a_confirmed_certificate_carries_the_record_and_a_grouped_code(tmp_path: Path) -> None:
    row = _row()
    confirm(tmp_path, "anna", "bea", NOW - timedelta(hours=2))
    made = issue(tmp_path, row, "carl", NOW)
    assert CODE.match(made.code)
    assert (made.name, made.student_id, made.trainer) == ("Anna de Vries", "anna", "carl")
    assert (made.issued, made.score, made.max_score) == (NOW, 20, 26)
    assert (made.confirmed_by, made.confirmed) == ("bea", NOW - timedelta(hours=2))
    (confirmed, issued) = [
        json.loads(line) for line in (tmp_path / RECORD).read_text("utf-8").splitlines()
    ]
    assert (confirmed["soort"], confirmed["trainer"]) == ("bevestigd", "bea")
    assert (issued["soort"], issued["code"]) == ("uitgereikt", made.code)


def test_issuing_twice_gives_the_same_certificate_and_one_record(tmp_path: Path) -> None:
    row = _row()
    confirm(tmp_path, "anna", "bea", NOW)
    confirm(tmp_path, "anna", "carl", NOW + timedelta(days=1))  # the first one counts
    first = issue(tmp_path, row, "bea", NOW)
    again = issue(tmp_path, row, "carl", NOW + timedelta(days=3))
    assert again == first and first.confirmed_by == "bea"
    lines = (tmp_path / RECORD).read_text("utf-8").splitlines()
    assert len(lines) == 2


def test_codes_use_the_alphabet_without_look_alikes_and_differ() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(CODE.match(c) for c in codes)
    assert not set(ALPHABET) & set("0O1IL5S2Z8BUV")


def test_lookup_finds_a_code_as_typed_and_nothing_else(tmp_path: Path) -> None:
    confirm(tmp_path, "anna", "bea", NOW)
    confirm(tmp_path, "bram", "bea", NOW)
    anna = issue(tmp_path, _row(), "bea", NOW)
    bram = issue(tmp_path, _row("bram", 26, "Bram", "Bakker"), "bea", NOW)
    assert anna.code != bram.code
    assert lookup(tmp_path, anna.code) == anna
    assert lookup(tmp_path, anna.code.replace("-", " ").lower()) == anna
    assert lookup(tmp_path, bram.code) == bram
    assert (
        lookup(tmp_path, "K7QM-3XPA-9D" if anna.code != "K7QM-3XPA-9D" else "7KQM-3XPA-9D") is None
    )
    assert lookup(tmp_path, "geen code") is None
    assert normal_code("k7qm3xpa9d") == "K7QM-3XPA-9D"
    assert normal_code("O0O0-1111-II") is None


def test_the_record_survives_a_volunteer_deleting_their_progress(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    upgrade(db)
    from sqlalchemy import create_engine

    engine = create_engine(db)
    record(engine, "anna", "welkom", "afgerond", goed=3, van=3, now=NOW)
    confirm(tmp_path, "anna", "bea", NOW)
    made = issue(tmp_path, _row(), "bea", NOW)
    assert forget(engine, "anna") == 1 and mine(engine, "anna") == {}
    engine.dispose()
    assert lookup(tmp_path, made.code) == made
