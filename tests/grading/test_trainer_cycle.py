"""The trainer's whole cycle with real nbgrader on one machine, as docs/trainers.md tells it.

Roster import, release, three volunteers who fetch and submit from their own folders
through a local exchange, collect, `coursekit grade`, a reflection graded by hand
through formgrader's own HTTP API, feedback generated, released and fetched, export.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import nbformat
import pytest

from coursekit.exercise.answers_file import answers_path, save_answers
from coursekit.exercise.questions import load_exercise
from coursekit.grading.feedback_data import feedback_path, read_feedback
from tests.support.course import copy_course
from tests.support.nbgrader import EXERCISE, answer_key, coursekit_grade, flipped, nbgrader
from tests.support.servers import free_port, run_server

pytestmark = pytest.mark.nbgrader

COURSE_ID = "steun-bij-stalking"
TOKEN = "trainer-test"


def _as_volunteer(home: Path, exchange: Path, *args: str) -> None:
    """An nbgrader command run by a volunteer in their own folder, with their own data folder.

    nbgrader keeps a copy of every submission in the user's Jupyter data folder and finds
    feedback through it; volunteers are different users, so each has a folder of their own.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            *args,
            f"--course={COURSE_ID}",
            f"--Exchange.root={exchange}",
        ],
        env={**os.environ, "HOME": str(home), "JUPYTER_DATA_DIR": str(home / ".jupyter-data")},
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"


def _write_reflection(notebook: Path, text: str) -> None:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "reflectie":
            cell.source = text
    nbformat.write(nb, notebook)


def _api(
    base: str, path: str, body: dict[str, object] | None = None, method: str | None = None
) -> object:
    request = urllib.request.Request(
        f"{base}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method or ("GET" if body is None else "PUT"),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _grade_reflection_in_formgrader(
    course: Path, log: Path, student: str, points: int, comment: str
) -> None:
    """Grade and comment on the reflection, then generate the feedback, all in formgrader."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "server",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={course}",
        f"--IdentityProvider.token={TOKEN}",
    ]
    base = f"http://127.0.0.1:{port}"
    for _ in run_server(command, course, log, f"{base}/api/status?token={TOKEN}"):
        submissions = _api(base, f"/formgrader/api/submitted_notebooks/{EXERCISE}/{EXERCISE}")
        assert isinstance(submissions, list)
        (mine,) = [s for s in submissions if s["student"] == student]
        assert mine["needs_manual_grade"], "formgrader lists the written reflection to grade"
        grades = _api(base, f"/formgrader/api/grades?submission_id={mine['id']}")
        assert isinstance(grades, list)
        (reflection,) = [g for g in grades if g["name"] == "reflectie"]
        graded = _api(base, f"/formgrader/api/grade/{reflection['id']}", {"manual_score": points})
        assert isinstance(graded, dict) and graded["manual_score"] == points
        comments = _api(base, f"/formgrader/api/comments?submission_id={mine['id']}")
        assert isinstance(comments, list)
        (on_reflection,) = [c for c in comments if c["name"] == "reflectie"]
        said = _api(
            base, f"/formgrader/api/comment/{on_reflection['id']}", {"manual_comment": comment}
        )
        assert isinstance(said, dict) and said["manual_comment"] == comment
        made = _api(base, f"/formgrader/api/assignment/{EXERCISE}/generate_feedback", method="POST")
        assert isinstance(made, dict) and made["success"], made


def test_release_fetch_submit_collect_grade_feedback_and_export(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(
            f"\nc.Exchange.root = {str(exchange)!r}\nc.ExchangeCollect.check_owner = False\n"
        )
    roster = (
        "id,first_name,last_name,email\nanna,Anna,de Vries,\nbram,Bram,Bakker,\nzoë,Zoë,Çelik,\n"
    )
    (course / "deelnemers.csv").write_text(roster, encoding="utf-8")
    nbgrader(course, "db", "student", "import", "deelnemers.csv")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    nbgrader(course, "release_assignment", EXERCISE)

    key = answer_key(course)
    half = dict(list(key.items())[:4]) | dict(list(flipped(key).items())[4:])
    chosen = {"anna": key, "bram": flipped(key), "zoë": half}
    for volunteer, answers in chosen.items():
        home = tmp_path / f"thuis-{volunteer}"
        home.mkdir()
        _as_volunteer(home, exchange, "fetch_assignment", EXERCISE)
        save_answers(answers_path(EXERCISE, home / EXERCISE), EXERCISE, answers)
        if volunteer == "anna":
            _write_reflection(
                home / EXERCISE / f"{EXERCISE}.ipynb", "Ik luister eerst en oordeel niet."
            )
        _as_volunteer(home, exchange, "submit", EXERCISE, f"--student={volunteer}")

    nbgrader(course, "collect", EXERCISE)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(chosen)
    grading = coursekit_grade(course, EXERCISE, "--workers", "2")
    assert grading.returncode == 0, grading.stdout + grading.stderr
    assert "Nagekeken: 3 van 3." in grading.stdout

    comment = "Goed dat je eerst luistert."
    _grade_reflection_in_formgrader(course, tmp_path / "formgrader.log", "anna", 2, comment)

    nbgrader(course, "release_feedback", EXERCISE)
    for volunteer in chosen:
        home = tmp_path / f"thuis-{volunteer}"
        _as_volunteer(home, exchange, "fetch_feedback", EXERCISE, f"--student={volunteer}")
        (page,) = (home / EXERCISE / "feedback").rglob(f"{EXERCISE}.html")
        assert feedback_path(home / EXERCISE) == page
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        assert "check_answer(" not in text, "the key stays hidden"
        feedback = read_feedback(page.read_text("utf-8"), load_exercise(EXERCISE, home / EXERCISE))
        right = sum(a == key[i] for i, a in chosen[volunteer].items())
        assert feedback.correct_count == right, volunteer
        assert feedback.points == {"anna": 10, "bram": 0, "zoë": 4}[volunteer]
        reflection = feedback.reflection
        assert reflection is not None
        if volunteer == "anna":
            assert reflection.text == "Ik luister eerst en oordeel niet."
            assert (reflection.points, reflection.comment) == (2, comment)
        else:
            assert (reflection.text, reflection.points, reflection.comment) == ("", 0, None)

    nbgrader(course, "export", "--to", "cijfers.csv")
    rows = csv.DictReader(io.StringIO((course / "cijfers.csv").read_text(encoding="utf-8")))
    scores = {r["student_id"]: float(r["score"]) for r in rows if r["assignment"] == EXERCISE}
    assert scores == {"anna": 10.0, "bram": 0.0, "zoë": 4.0}
