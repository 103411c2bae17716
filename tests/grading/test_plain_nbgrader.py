"""What nbgrader_config.py does for plain nbgrader commands, without `coursekit grade`.

`nbgrader autograde` copies every file handed in beside the notebook into the folder where
the grading kernel runs (issue 13). The course's settings keep Python files out of it and
let the exchange carry only an exercise's own files; what no setting changes (nbgrader
follows a symlink) is shown here too, which is why docs/trainers.md says to grade with
`coursekit grade`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.support.nbgrader import EXERCISE, answer_key, click, flipped, nbgrader, submit

pytestmark = pytest.mark.nbgrader

SHADOW = "import pathlib\npathlib.Path({marker!r}).write_text('gelopen')\n"


def _plant(folder: Path, marker: Path) -> None:
    """The files a cheater hands in beside the notebook."""
    for name in ("coursekit.py", "json.py", "ipython_kernel_config.py", "sitecustomize.py"):
        (folder / name).write_text(SHADOW.format(marker=str(marker)), encoding="utf-8")
    package = folder / "coursekit"
    package.mkdir()
    (package / "__init__.py").write_text(SHADOW.format(marker=str(marker)), encoding="utf-8")


def test_plain_autograde_copies_no_python_and_runs_none(course: Path, tmp_path: Path) -> None:
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    folder = submit(course, "vals")
    click(folder, flipped(key))
    marker = tmp_path / "gelopen.txt"
    _plant(folder, marker)
    nbgrader(course, "autograde", EXERCISE, "--force")
    graded = course / "autograded" / "vals" / EXERCISE
    files = [p.relative_to(graded).as_posix() for p in graded.rglob("*") if p.is_file()]
    assert not [name for name in files if name.endswith(".py")], files
    assert not marker.exists(), "no handed-in module ran in the grading kernel"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(EXERCISE, EXERCISE, "vals")
        assert sum(g.score for g in notebook.grades if g.name.startswith("controle-")) == 0


def test_plain_autograde_still_follows_a_symlink(course: Path, tmp_path: Path) -> None:
    """No setting stops this: `coursekit grade` refuses the link (test_grade_security.py)."""
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    honest = submit(course, "eerlijk")
    click(honest, answer_key(course))
    linked = submit(course, "link")
    (linked / f"{EXERCISE}.antwoorden.json").symlink_to(honest / f"{EXERCISE}.antwoorden.json")
    nbgrader(course, "autograde", EXERCISE, "--force", "--student", "link")
    copied = course / "autograded" / "link" / EXERCISE / f"{EXERCISE}.antwoorden.json"
    assert (
        not copied.is_symlink()
        and copied.read_bytes() == (honest / f"{EXERCISE}.antwoorden.json").read_bytes()
    )


def test_the_exchange_carries_only_an_exercises_own_files(course: Path, tmp_path: Path) -> None:
    exchange, home = tmp_path / "exchange", tmp_path / "thuis"
    exchange.mkdir()
    home.mkdir()
    env = {**os.environ, "COURSEKIT_EXCHANGE": str(exchange)}
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "release_assignment", EXERCISE, "--force"],
        cwd=course,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )

    def volunteer(*args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "nbgrader", *args, "--course=steun-bij-stalking",
             f"--Exchange.root={exchange}", f"--CourseDirectory.root={home}"],
            cwd=home, env={**env, "HOME": str(home)}, check=True, capture_output=True,
            timeout=300,
        )  # fmt: skip

    volunteer("fetch_assignment", EXERCISE)
    folder = home / EXERCISE
    click(folder, answer_key(course))
    _plant(folder, tmp_path / "gelopen.txt")
    (folder / "aantekeningen.txt").write_text("privé", encoding="utf-8")
    (folder / "groot.antwoorden.json").write_bytes(b" " * (6 * 2**20))
    volunteer("submit", EXERCISE, "--student=anna")
    # One Unix account hands in as "anna" here: the owner check (tests/hub) is off.
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "collect", EXERCISE,
         "--ExchangeCollect.check_owner=False"],
        cwd=course, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    collected = course / "submitted" / "anna" / EXERCISE
    names = sorted(p.relative_to(collected).as_posix() for p in collected.rglob("*") if p.is_file())
    assert names == sorted(
        [
            f"{EXERCISE}.ipynb",
            f"{EXERCISE}.antwoorden.json",
            f"{EXERCISE}.vragen.yaml",
            "timestamp.txt",
            "submission_secret.txt",
        ]
    ), names
