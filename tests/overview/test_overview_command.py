"""`coursekit overzicht` on a real course: real nbgrader (generate, `coursekit grade`, and
release, fetch and submit through the exchange with nbgrader's own classes), a real SQLite
gradebook with the progress table beside it; three volunteers: one finished, one halfway
with a reflection waiting to be graded, one never started. Bad input: one Dutch sentence,
exit status 2."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
import sys
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine
from sqlalchemy.exc import SAWarning

from coursekit.cli import main
from coursekit.overview.gather import gather, read_progress
from coursekit.progress.store import record, upgrade
from tests.support.nbgrader import EXERCISE
from tests.support.overview_group import FINAL, MODULES, NOW


@pytest.fixture
def group(overview_group: Path) -> Path:
    """The three volunteers' course (tests/support/overview_group.py), built once."""
    return overview_group


def _overzicht(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coursekit.cli", "overzicht", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _dutch(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y")


@pytest.mark.nbgrader
def test_the_csv_shows_each_volunteer_as_the_course_stores_them(
    group: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.csv"
    run = _overzicht(group, "--csv", str(target))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"Het overzicht staat in {target} (3 vrijwilligers)."
    data = target.read_bytes()
    assert data[:3] == b"\xef\xbb\xbf"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Id"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert list(rows) == ["anna", "bram", "carla"]
    overdue = f"{EXERCISE} is niet ingeleverd en de inleverdatum is voorbij"

    anna = rows["anna"]
    assert anna["Naam"] == "Anna de Vries"
    assert (anna["Punten"], anna["Maximum"], anna["Eindtoets gehaald"]) == ("22", "26", "ja")
    assert (anna["Ingeleverd"], anna["Nagekeken"], anna["Wacht op trainer"]) == ("1", "1", "0")
    assert anna["Aantal modules afgerond"] == str(len(MODULES))
    assert anna["Bezig met"] == "alle modules afgerond"
    assert anna["Voor de trainer"] == (
        f"{overdue}; eindtoets gehaald: bevestig het bewijs van deelname"
    )

    bram = rows["bram"]
    assert bram["Naam"] == "Bram Bakker"
    assert (bram["Ingeleverd"], bram["Nagekeken"], bram["Wacht op trainer"]) == ("2", "0", "2")
    assert (bram["Punten"], bram["Eindtoets gehaald"]) == ("0", "nee")
    day = _dutch(NOW - timedelta(days=6))
    assert bram["Modules afgerond"] == f"{MODULES[1].number} op {day}"
    assert bram["Bezig met"] == f"{MODULES[2].number} {MODULES[2].title}"
    assert bram["Laatst actief"] == _dutch(NOW)
    assert bram["Voor de trainer"] == (
        f"{FINAL} is ingeleverd: verzamelen; reflectie van {EXERCISE} nakijken"
    )

    carla = rows["carla"]
    assert (carla["Naam"], carla["Bezig met"], carla["Laatst actief"]) == (
        "carla",
        "nog niet begonnen",
        "",
    )
    assert (carla["Ingeleverd"], carla["Aantal modules afgerond"], carla["Modules afgerond"]) == (
        "0",
        "0",
        "geen",
    )
    assert carla["Voor de trainer"] == overdue


@pytest.mark.nbgrader
def test_the_table_prints_the_same_rows_within_100_columns(
    group: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, text, err = _run(group, capsys)
    assert (status, err) == (0, ""), err
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "Anna de Vries" in text and "22 van 26" in text
    assert (
        "voor jou: eindtoets is ingeleverd: verzamelen; reflectie van wat-niet-helpt nakijken"
        in text
    )
    assert "nog niet begonnen" in text
    assert "onbekend" not in text


def _bare_course(folder: Path, db: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///{db}'\n"
        f"c.Exchange.root = {str(folder / 'exchange')!r}\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def roster_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real gradebook with one volunteer and nothing else (made once: nbgrader stamps a
    new gradebook by running alembic in a subprocess)."""
    db = tmp_path_factory.mktemp("cijferboek") / "gradebook.db"
    with Gradebook(f"sqlite:///{db}") as gradebook:
        gradebook.add_student("zoe", first_name="Zoë", last_name="Çelik")
    return db


def _run(course: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["overzicht", "--course", str(course), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_without_a_course_folder_one_sentence_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(tmp_path, capsys)
    assert (status, out) == (2, "")
    assert (
        err == f"In {tmp_path} staat geen nbgrader_config.py. Geef de cursusmap op met --course.\n"
    )


def test_without_a_gradebook_one_sentence_status_2_and_no_gradebook_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "gradebook.db"
    status, _out, err = _run(_bare_course(tmp_path, db), capsys)
    assert status == 2
    assert err.startswith("Er is geen cijferboek (sqlite:///") and err.count("\n") == 1
    assert not db.exists()


def test_unreadable_progress_is_one_sentence_and_status_2(
    tmp_path: Path, roster_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(shutil.copy(roster_only, tmp_path / "gradebook.db"))
    with sqlite3.connect(db) as connection:  # a progress table of some other shape
        connection.execute("CREATE TABLE coursekit_voortgang (iets TEXT)")
    status, out, err = _run(_bare_course(tmp_path, db), capsys)
    assert (status, out) == (2, "")
    assert err.startswith("De voortgang in sqlite:///") and "Traceback" not in err
    assert err.count("\n") == 1


def test_a_file_that_is_no_gradebook_is_one_sentence_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "gradebook.db"
    db.write_bytes(b"dit is geen database\n" * 200)
    status, _out, err = _run(_bare_course(tmp_path, db), capsys)
    assert status == 2 and err.count("\n") == 1 and "niet te lezen" in err


def test_without_the_hub_the_progress_columns_say_unknown(
    tmp_path: Path, roster_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(shutil.copy(roster_only, tmp_path / "gradebook.db"))
    course = _bare_course(tmp_path, db)
    status, out, err = _run(course, capsys)
    assert (status, err) == (0, "")
    (line,) = [x for x in out.splitlines() if x.startswith("Zoë Çelik")]
    assert line.count("onbekend") == 2
    assert "Er is geen voortgang van de modules" in out
    status, out, _err = _run(course, capsys, "--csv", str(tmp_path / "o.csv"))
    (row,) = csv.DictReader(io.StringIO((tmp_path / "o.csv").read_text("utf-8-sig")), delimiter=";")
    assert row["Bezig met"] == row["Modules afgerond"] == "onbekend"


def test_an_extension_moves_the_due_date_and_is_no_graded_exercise(
    tmp_path: Path, roster_only: Path
) -> None:
    db = Path(shutil.copy(roster_only, tmp_path / "gradebook.db"))
    url = f"sqlite:///{db}"
    due = datetime(2026, 12, 18, 22, 59, tzinfo=UTC)
    with Gradebook(url) as gradebook:
        gradebook.update_or_create_assignment(EXERCISE, duedate=due)
        # nbgrader keeps an extension on a submission row, also before any hand-in; its API
        # warns about its own session with SQLAlchemy 2 (harmless, not ours to fix)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SAWarning)
            gradebook.update_or_create_submission(EXERCISE, "zoe", extension=timedelta(days=3))
    (volunteer,) = gather(
        url,
        tmp_path / "submitted",
        lambda s, a: tmp_path / "autograded" / s / a,
        tmp_path / "exchange",
        None,
    )
    (exercise,) = volunteer.exercises
    assert exercise.due == due + timedelta(days=3)
    assert (exercise.graded, exercise.collected, exercise.handed_in) == (False, None, None)


def test_someone_with_progress_who_is_not_in_the_gradebook_gets_a_row_under_their_id(
    tmp_path: Path, roster_only: Path
) -> None:
    db = Path(shutil.copy(roster_only, tmp_path / "gradebook.db"))
    url = f"sqlite:///{db}"
    engine = create_engine(url)
    upgrade(engine)
    record(engine, "nieuw", MODULES[1].id, "begonnen", now=NOW)
    engine.dispose()
    volunteers = gather(
        url,
        tmp_path / "submitted",
        lambda s, a: tmp_path / "autograded" / s / a,
        tmp_path / "exchange",
        read_progress(url),
    )
    assert [(v.student_id, v.first_name) for v in volunteers] == [("zoe", "Zoë"), ("nieuw", None)]
    assert volunteers[0].progress == {}
    assert list(volunteers[1].progress or {}) == [MODULES[1].id]
