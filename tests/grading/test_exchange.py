"""coursekit.grading.exchange: nbgrader's exchange with the checks a shared server needs.

The hub test (tests/hub/test_hub_cycle.py) proves the same with real Unix accounts; these
run with the test's own account, which is enough to tell a folder's owner from its claim.
"""

from __future__ import annotations

import getpass
import logging
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment
from traitlets.config import Config

from coursekit.grading.deadlines import record_release
from coursekit.grading.exchange import CheckedCollect, PrivateSubmit

pytestmark = pytest.mark.skipif(os.name != "posix", reason="nbgrader's exchange is Unix only")

COURSE = "cursus"
EXERCISE = "oefening"
ME = getpass.getuser()
STAMP = "2026-12-05 03:00:00.000000 UTC"


def _config(tmp_path: Path, **course: str) -> Config:
    config = Config()
    config.CourseDirectory.root = str(tmp_path / "course")
    config.CourseDirectory.course_id = COURSE
    config.CourseDirectory.assignment_id = EXERCISE
    config.CourseDirectory.db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    for key, value in course.items():
        config.CourseDirectory[key] = value
    config.Exchange.root = str(tmp_path / "exchange")
    return config


def _exchange(cls: type, config: Config) -> object:
    return cls(
        coursedir=CourseDirectory(config=config),
        authenticator=Authenticator(config=config),
        config=config,
    )


def _hand_in(inbound: Path, student: str, stamp: str = STAMP, text: str = "{}") -> Path:
    folder = inbound / f"{student}+{EXERCISE}+{stamp}+abc"
    folder.mkdir(parents=True)
    (folder / f"{EXERCISE}.ipynb").write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
    return folder


def test_collect_skips_a_folder_not_owned_by_the_volunteer_it_names(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    _hand_in(inbound, ME)
    forged = _hand_in(inbound, "anna")  # made by this account, claiming to be anna
    (inbound / f"bram+{EXERCISE}+{STAMP}+xyz").symlink_to(forged)
    collect = _exchange(CheckedCollect, _config(tmp_path))
    collect.log = logging.getLogger("collect-test")  # type: ignore[attr-defined]
    with caplog.at_level(logging.WARNING, logger="collect-test"):
        collect.start()  # type: ignore[attr-defined]
    submitted = tmp_path / "course" / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == [ME]
    lines = [r.getMessage() for r in caplog.records]
    assert any(str(forged) in line and f"van {ME}" in line and "anna" in line for line in lines)
    assert any("bram" in line and "geen gewone map" in line for line in lines)


def test_a_hand_in_is_open_to_its_owner_and_the_course_group_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "course"
    (course / "release" / EXERCISE).mkdir(parents=True)
    (course / "release" / EXERCISE / f"{EXERCISE}.ipynb").write_text("{}", encoding="utf-8")
    config = _config(tmp_path)
    _exchange(ExchangeReleaseAssignment, config).start()  # type: ignore[attr-defined]
    work = tmp_path / "volunteer"
    (work / EXERCISE).mkdir(parents=True)
    (work / EXERCISE / f"{EXERCISE}.ipynb").write_text("{}", encoding="utf-8")
    config.CourseDirectory.root = str(work)
    config.CourseDirectory.student_id = ME
    config.Exchange.cache = str(tmp_path / "cache")
    monkeypatch.chdir(work)
    _exchange(PrivateSubmit, config).start()  # type: ignore[attr-defined]
    (hand_in,) = (tmp_path / "exchange" / COURSE / "inbound").iterdir()
    assert stat.S_IMODE(hand_in.stat().st_mode) == 0o770, "nbgrader makes it 0777"


def test_a_forged_newer_hand_in_does_not_hide_the_honest_older_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    _hand_in(inbound, ME, text="eerlijk")
    forged = _hand_in(inbound, ME, stamp="2026-12-05 04:00:00.000000 UTC", text="vals")
    real_owner = CheckedCollect._refusal
    monkeypatch.setattr(  # as if another account made the newer folder
        CheckedCollect,
        "_refusal",
        lambda self, folder: "vals" if folder == forged else real_owner(self, folder),
    )
    _exchange(CheckedCollect, _config(tmp_path)).start()  # type: ignore[attr-defined]
    notebook = tmp_path / "course" / "submitted" / ME / EXERCISE / f"{EXERCISE}.ipynb"
    assert notebook.read_text(encoding="utf-8") == "eerlijk"


def _collect(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    collect = _exchange(CheckedCollect, _config(tmp_path))
    collect.log = logging.getLogger("collect-test")  # type: ignore[attr-defined]
    with caplog.at_level(logging.WARNING, logger="collect-test"):
        collect.start()  # type: ignore[attr-defined]
    return [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("kind", ["link-to-the-key", "link-to-a-device", "named-pipe"])
def test_a_hand_in_with_a_link_or_special_file_inside_is_refused_and_nothing_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    key = tmp_path / "course" / "source" / EXERCISE / f"{EXERCISE}.ipynb"
    key.parent.mkdir(parents=True)
    key.write_text("de sleutel", encoding="utf-8")
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    folder = _hand_in(inbound, ME)
    notebook = folder / f"{EXERCISE}.ipynb"
    notebook.unlink()
    if kind == "link-to-the-key":
        notebook.symlink_to(key)
    elif kind == "link-to-a-device":
        notebook.symlink_to("/dev/zero")
    else:
        os.mkfifo(notebook)  # nbgrader's copy would wait on it for ever
    lines = _collect(tmp_path, caplog)
    assert not (tmp_path / "course" / "submitted" / ME).exists()
    assert any(str(folder) in line and f"{EXERCISE}.ipynb" in line for line in lines), lines


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "sleutel.ipynb"
    key.write_text("de sleutel", encoding="utf-8")
    folder = _hand_in(tmp_path / "exchange" / COURSE / "inbound", ME)
    check = CheckedCollect._refusal

    def check_then_swap(self: CheckedCollect, checked: Path) -> str | None:
        answer = check(self, checked)
        (checked / f"{EXERCISE}.ipynb").unlink()
        (checked / f"{EXERCISE}.ipynb").symlink_to(key)
        return answer

    monkeypatch.setattr(CheckedCollect, "_refusal", check_then_swap)
    lines = _collect(tmp_path, caplog)
    submitted = tmp_path / "course" / "submitted" / ME / EXERCISE
    assert not any(
        p.read_text(encoding="utf-8") == "de sleutel" for p in submitted.glob("*") if p.is_file()
    )
    assert any(str(folder) in line for line in lines), lines


def test_plain_files_are_collected_and_a_folder_inside_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _hand_in(tmp_path / "exchange" / COURSE / "inbound", ME, text="mijn werk")
    (folder / f"{EXERCISE}.antwoorden.json").write_text("{}", encoding="utf-8")
    (folder / "extra").mkdir()
    (folder / "extra" / "x.txt").write_text("x", encoding="utf-8")
    lines = _collect(tmp_path, caplog)
    submitted = tmp_path / "course" / "submitted" / ME / EXERCISE
    assert (submitted / f"{EXERCISE}.ipynb").read_text(encoding="utf-8") == "mijn werk"
    assert (submitted / "timestamp.txt").is_file()
    assert not (submitted / "extra").exists()
    assert any("extra" in line for line in lines), lines


def test_a_hand_in_made_after_the_feedback_is_not_collected_even_with_an_older_name(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    released = datetime.now(UTC) - timedelta(hours=1)
    record_release(course, EXERCISE, "*", released, "trainer", False, None)
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    # The name says it came a day before the feedback; the folder was made just now.
    backdated = (released - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    folder = _hand_in(inbound, ME, stamp=backdated, text="met de sleutel uit de feedback")
    lines = _collect(tmp_path, caplog)
    assert not (course / "submitted" / ME).exists()
    assert any(str(folder) in line or ME in line for line in lines), lines


def test_a_hand_in_before_the_feedback_is_collected(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    record_release(course, EXERCISE, "*", datetime.now(UTC) + timedelta(hours=1), "t", False, None)
    _hand_in(tmp_path / "exchange" / COURSE / "inbound", ME, text="op tijd")
    _collect(tmp_path, caplog)
    notebook = course / "submitted" / ME / EXERCISE / f"{EXERCISE}.ipynb"
    assert notebook.read_text(encoding="utf-8") == "op tijd"


def test_a_hand_in_whose_name_has_no_time_is_refused_and_the_others_collected(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    _hand_in(inbound, ME)
    odd = inbound / f"anna+{EXERCISE}+geen-tijd+abc"
    odd.mkdir()
    lines = _collect(tmp_path, caplog)
    assert sorted(p.name for p in (tmp_path / "course" / "submitted").iterdir()) == [ME]
    assert any(str(odd) in line for line in lines), lines
