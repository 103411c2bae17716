"""`coursekit bewijs bevestig|maak|zoek` on a real SQLite gradebook (nbgrader's own API):
Anna passed the final assessment, Bram did not. Bad input: one Dutch sentence, status 2."""

from __future__ import annotations

import getpass
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

from coursekit.cli import main
from coursekit.overview.certificate import RECORD


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gradebook with a graded final assessment: Anna 9 of 10, Bram 3 of 10 (made once)."""
    db = tmp_path_factory.mktemp("cijferboek") / "gradebook.db"
    # nbgrader's API warns about its own session with SQLAlchemy 2 (harmless, not ours).
    with Gradebook(f"sqlite:///{db}") as book, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        book.add_student("anna", first_name="Anna", last_name="Één")
        book.add_student("bram", first_name="Bram", last_name="Bakker")
        book.add_assignment("eindtoets")
        book.add_notebook("eindtoets", "eindtoets")
        book.add_grade_cell("vraag", "eindtoets", "eindtoets", max_score=10, cell_type="code")
        for student, points in (("anna", 9), ("bram", 3)):
            book.add_submission("eindtoets", student)
            grade = book.find_grade("vraag", "eindtoets", "eindtoets", student)
            grade.auto_score = points
            grade.needs_manual_grade = False  # as `coursekit grade` leaves a code cell
            book.db.commit()
    return db


@pytest.fixture
def course(tmp_path: Path, gradebook: Path) -> Path:
    db = Path(shutil.copy(gradebook, tmp_path / "gradebook.db"))
    (tmp_path / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///{db}'\n"
        f"c.Exchange.root = {str(tmp_path / 'exchange')!r}\n"
        "c.GroupOverview.organisation = 'Stichting Voorbeeld'\n",
        encoding="utf-8",
    )
    for student in ("anna", "bram"):
        (tmp_path / "autograded" / student / "eindtoets").mkdir(parents=True)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["bewijs", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_confirm_make_and_look_up_a_certificate(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--course", str(course))
    status, out, err = _run(capsys, "maak", "anna", *where)
    assert (status, out) == (2, "")
    assert err == (
        "Nog niet bevestigd dat Anna Één de eindtoets heeft gehaald. "
        "Bevestig het eerst met: coursekit bewijs bevestig anna\n"
    )
    status, out, err = _run(capsys, "bevestig", "anna", *where)
    assert (status, err) == (0, "")
    assert out.startswith(
        f"Bevestigd: Anna Één (anna) heeft de eindtoets gehaald ({getpass.getuser()}, "
    )
    pdf = course / "uit" / "anna.pdf"
    pdf.parent.mkdir()
    status, out, err = _run(capsys, "maak", "anna", "--uit", str(pdf), *where)
    assert (status, err) == (0, "")
    code = out.rsplit("controlecode ", 1)[1].rstrip(").\n")
    assert out == f"Het bewijs van deelname van Anna Één staat in {pdf} (controlecode {code}).\n"
    assert pdf.read_bytes().startswith(b"%PDF")
    status, again, _ = _run(capsys, "maak", "anna", "--uit", str(pdf), *where)
    assert (status, again) == (0, out)
    status, out, err = _run(capsys, "zoek", code.lower().replace("-", ""), *where)
    assert (status, err) == (0, "")
    assert out.startswith(f"Controlecode {code}: Anna Één (anna), uitgereikt op ")
    assert "punten 9 van 10" in out
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert code in text and "Stichting Voorbeeld" in text


def test_someone_who_did_not_pass_cannot_be_confirmed_or_given_one(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--course", str(course))
    for action in ("bevestig", "maak"):
        status, out, err = _run(capsys, action, "bram", *where)
        assert (status, out) == (2, "")
        assert err == (
            "Bram Bakker heeft de eindtoets (nog) niet gehaald: "
            "er is geen bewijs van deelname mogelijk.\n"
        )
    assert not (course / RECORD).exists() or "bram" not in (course / RECORD).read_text("utf-8")


def test_bad_input_is_one_sentence_and_status_2(
    course: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--course", str(course))
    status, _, err = _run(capsys, "maak", "niemand", *where)
    assert (status, err) == (2, "Er is geen vrijwilliger met id niemand in het cijferboek.\n")
    status, _, err = _run(capsys, "zoek", "abc", *where)
    assert status == 2
    assert err == "abc is geen controlecode: die heeft tien tekens, zoals 'K7QM-3XPA-9D'.\n"
    status, _, err = _run(capsys, "zoek", "K7QM-3XPA-9D", *where)
    assert (status, err) == (2, "Er is geen bewijs van deelname met controlecode K7QM-3XPA-9D.\n")
    empty = tmp_path_factory.mktemp("leeg")
    status, _, err = _run(capsys, "zoek", "K7QM-3XPA-9D", "--course", str(empty))
    assert status == 2 and err.count("\n") == 1 and "nbgrader_config.py" in err
