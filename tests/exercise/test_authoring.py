"""Graded exercises: written from a draft, one test cell per item, validated by real nbgrader."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from coursekit.cli import main
from coursekit.content.errors import CourseDataError
from coursekit.exercise.authoring import load_draft, write_exercise
from coursekit.exercise.checks import parse_expected
from coursekit.exercise.questions import load_exercise
from tests.support.course import ROOT, copy_course

SOURCES = sorted((ROOT / "solutions").glob("*/*.ipynb"))
DRAFT = {
    "schema_version": 1,
    "exercise": "proef",
    "title": "Oefening: proef",
    "intro": "Twee vragen.",
    "questions": [
        {
            "id": "z1",
            "kind": "sort",
            "text": "Het valt wel mee.",
            "answer": "helpt niet",
            "why": "Zo maak je het kleiner.",
            "better": "Wat erg. Vertel maar.",
            "guidance": ["N1"],
        },
        {
            "id": "w1",
            "kind": "true-false",
            "text": "Stalken is strafbaar.",
            "answer": "waar",
            "why": "Het is een misdrijf.",
            "guidance": ["W1"],
        },
    ],
    "reflections": [
        {"prompt": "Wat neem je mee?", "points": 2, "rubric": ["1 punt: iets."], "example": "Dit."}
    ],
}


def _write_draft(tmp_path: Path, **changes: object) -> Path:
    draft = {**DRAFT, **changes}
    path = tmp_path / "concept.yaml"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True), encoding="utf-8")
    return path


def test_a_draft_becomes_a_source_notebook_and_a_questions_file_without_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-exercise", str(_write_draft(tmp_path))]) == 0
    assert "nbgrader generate_assignment proef" in capsys.readouterr().out
    folder = tmp_path / "solutions" / "proef"
    questions = (folder / "proef.vragen.yaml").read_text(encoding="utf-8")
    assert "Het valt wel mee." in questions
    assert "kleiner" not in questions and "helpt niet" not in questions
    exercise = load_exercise("proef", folder)
    assert exercise.ids == ["z1", "w1"]
    assert main(["new-exercise", str(_write_draft(tmp_path))]) == 1
    assert "bestaat al" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"answer": "misschien"}, "'misschien' is geen antwoord"),
        ({"better": ""}, "heeft dus een betere zin nodig"),
        ({"answer": "b"}, "'b' is geen antwoord"),
    ],
)
def test_a_bad_draft_is_one_sentence_naming_the_question(
    tmp_path: Path, change: dict[str, str], expected: str
) -> None:
    questions = [dict(DRAFT["questions"][0], **change)]  # type: ignore[index]
    with pytest.raises(CourseDataError) as caught:
        write_exercise(load_draft(_write_draft(tmp_path, questions=questions)), tmp_path)
    assert expected in str(caught.value) and "'z1'" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_question_has_one_test_cell_with_a_valid_hidden_key(source: Path) -> None:
    exercise = load_exercise(source.stem, source.parent)
    nb = nbformat.read(source, as_version=4)
    tests = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    }
    assert sorted(tests) == sorted(f"controle-{q.id}" for q in exercise.questions)
    for number, question in enumerate(exercise.questions, start=1):
        cell = tests[f"controle-{question.id}"]
        assert cell.metadata["nbgrader"]["points"] == 1
        visible, hidden = cell.source.split("### BEGIN HIDDEN TESTS")
        assert f'check_answered(antwoorden, "{question.id}", {number})' in visible
        (expected,) = re.findall(rf'check_answer\(antwoorden, "{question.id}", "([^"]+)"', hidden)
        assert question.parse(expected) == parse_expected(expected), f"{question.id}: {expected}"
        assert "why=" in hidden
    reflections = [
        c
        for c in nb.cells
        if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert 1 <= len(reflections) <= 2
    for cell in reflections:
        assert cell.metadata["nbgrader"]["solution"] and cell.metadata["nbgrader"]["points"] >= 1
        assert "Voor de trainer" in cell.source, "a rubric for the trainer"


def _validate(course: Path, notebooks: list[Path]) -> dict[str, str]:
    """``nbgrader validate`` on several notebooks in one run (one start of nbgrader instead of
    one per notebook); its output split per notebook, by the path it names."""
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", *map(str, notebooks)],
        cwd=course,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # the log names each notebook, the verdict follows it
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        text=True,
        timeout=600,
        check=False,
    )
    parts = re.split(r"\[ValidateApp \| INFO\] Validating '([^']+)'", done.stdout)
    found = {Path(path).name: text for path, text in zip(parts[1::2], parts[2::2], strict=True)}
    assert len(found) == len(notebooks), done.stdout
    return found


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every exercise's solution and release, validated by nbgrader in a copy of the course."""
    course = copy_course(tmp_path_factory.mktemp("validate") / "course")
    names = [source.stem for source in SOURCES]
    solved = _validate(course, [course / "solutions" / n / f"{n}.ipynb" for n in names])
    untouched = _validate(course, [course / "exercises" / n / f"{n}.ipynb" for n in names])
    return {
        **{f"solution {name}": text for name, text in solved.items()},
        **{f"release {name}": text for name, text in untouched.items()},
    }


@pytest.mark.nbgrader
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_nbgrader_validate_passes_the_solution_and_names_the_open_question_of_a_release(
    validated: dict[str, str], source: Path
) -> None:
    name = source.name
    solved = validated[f"solution {name}"]
    assert "Success! Your notebook passes all the tests." in solved, solved
    untouched = validated[f"release {name}"]
    assert "VALIDATION FAILED" in untouched, untouched
    assert "Vraag 1: je hebt nog geen antwoord gegeven." in untouched
