from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursekit.content.errors import CourseDataError
from coursekit.exercise.answers_file import (
    MAX_ANSWERS_BYTES,
    answers_path,
    read_answers_file,
    save_answers,
)
from coursekit.exercise.checks import check_answer, check_answered, collect_answers
from coursekit.exercise.questions import load_exercise
from coursekit.text import learner
from tests.support.course import ROOT

EXERCISE = "wat-niet-helpt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = ROOT / "exercises" / EXERCISE / f"{EXERCISE}.vragen.yaml"
    shutil.copy(source, tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("item", "typed", "value"),
    [
        ("z1", "helpt", "helpful"),
        ("z1", "  Helpt ", "helpful"),
        ("z1", "HELPT   NIET", "harmful"),
        ("z1", "helptniet", "harmful"),
        ("z1", "waar", None),
        ("z1", "misschien", None),
        ("z1", 1, None),
        ("w1", "Niet waar", "false"),
        ("w1", "waar", "true"),
        ("w1", "helpt", None),
        ("k1", "B", "b"),
        ("k1", "b)", "b"),
        ("k1", "d", None),
        ("k1", None, None),
    ],
)
def test_typed_answers_are_read_per_kind_of_question(
    folder: Path, item: str, typed: object, value: str | None
) -> None:
    question = load_exercise(EXERCISE, folder).question(item)
    assert question is not None
    assert question.parse(typed) == value


def test_saved_answers_read_back(folder: Path) -> None:
    path = answers_path(EXERCISE, folder)
    save_answers(path, EXERCISE, {"z1": "harmful", "w1": "true", "k1": "c"})
    answers, problems = read_answers_file(path, load_exercise(EXERCISE, folder))
    assert answers == {"z1": "harmful", "w1": "true", "k1": "c"}
    assert problems == []
    assert not list(folder.glob(".antwoorden-*")), "no temporary file is left behind"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{niet: json", learner.ANSWERS_FILE_NOT_JSON),
        ("[1, 2]", learner.ANSWERS_FILE_WRONG_SHAPE),
        (
            '{"schema_version": 1, "exercise": "wat-niet-helpt", "answers": [1]}',
            learner.ANSWERS_FILE_WRONG_SHAPE,
        ),
        ('{"schema_version": 1, "exercise": "iets-anders", "answers": {}}', "andere oefening"),
        ("x" * (MAX_ANSWERS_BYTES + 1), "groter dan"),
        ("[" * 30_000 + "]" * 30_000, learner.ANSWERS_FILE_TOO_DEEP.format(limit=8)),
        (
            '{"schema_version": 1, "exercise": "wat-niet-helpt", "answers": {"z1": '
            + "[" * 9
            + "]" * 9
            + "}}",
            learner.ANSWERS_FILE_TOO_DEEP.format(limit=8),
        ),
    ],
)
def test_broken_answers_file_is_reported_and_ignored(
    folder: Path, content: str, reason: str
) -> None:
    path = answers_path(EXERCISE, folder)
    path.write_text(content, encoding="utf-8")
    answers, problems = read_answers_file(path, load_exercise(EXERCISE, folder))
    assert answers == {}
    assert len(problems) == 1 and path.name in problems[0] and reason in problems[0]


def test_unknown_labels_and_items_are_reported_the_rest_counts(folder: Path) -> None:
    path = answers_path(EXERCISE, folder)
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "exercise": EXERCISE,
                "answers": {"z1": "harmful", "z2": "weet ik niet", "z99": "helpful"},
            }
        ),
        encoding="utf-8",
    )
    answers, problems = read_answers_file(path, load_exercise(EXERCISE, folder))
    assert answers == {"z1": "harmful"}
    assert any("z2" in p and "weet ik niet" in p for p in problems)
    assert any("z99" in p for p in problems)


def test_typed_answers_win_over_clicked_ones(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_answers(answers_path(EXERCISE, folder), EXERCISE, {"z1": "helpful", "z2": "helpful"})
    answers = collect_answers(EXERCISE, typed={"z1": "helpt niet"}, folder=folder)
    assert answers == {"z1": "harmful", "z2": "helpful"}
    assert capsys.readouterr().out == ""


def test_missing_file_is_no_problem_when_the_learner_typed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert collect_answers(EXERCISE, typed={"z3": "helpt"}, folder=folder) == {"z3": "helpful"}
    assert capsys.readouterr().out == ""


def test_missing_file_and_nothing_typed_says_what_to_do(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert collect_answers(EXERCISE, typed={}, folder=folder) == {}
    assert "Er is nog geen antwoordbestand" in capsys.readouterr().out


def test_a_typed_object_that_claims_to_equal_everything_scores_nothing(folder: Path) -> None:
    class EqualsAll:
        def __eq__(self, other: object) -> bool:
            return True

    answers = collect_answers(EXERCISE, typed={"z1": EqualsAll()}, folder=folder)
    with pytest.raises(AssertionError):
        check_answer(answers, "z1", "helpt niet")


def test_check_answer_says_missing_wrong_or_right(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(AssertionError, match="nog geen antwoord"):
        check_answer({}, "z1", "helpt")
    with pytest.raises(AssertionError, match="klopt niet"):
        check_answer({"z1": "harmful"}, "z1", "helpt")
    with pytest.raises(AssertionError, match="klopt niet"):
        check_answer({"k1": "a"}, "k1", "b")
    check_answer({"z1": "helpful"}, "z1", "helpt")
    check_answer({"w1": "false"}, "w1", "niet waar")
    assert "goed" in capsys.readouterr().out


def test_a_wrong_statements_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CourseDataError, match="ontbreekt naast het notebook"):
        collect_answers(EXERCISE, folder=tmp_path)


def test_check_answer_explains_with_the_right_answer_why_and_a_better_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    why, better = "Zo maak je het kleiner.", "Wat hij doet, is ernstig."
    with pytest.raises(AssertionError) as caught:
        check_answer({"z1": "helpful"}, "z1", "helpt niet", number=3, why=why, better=better)
    message = str(caught.value)
    assert message.startswith("Vraag 3: dit antwoord klopt niet.")
    assert "Het goede antwoord is: helpt niet." in message
    assert why in message and f"Zeg liever: {better}" in message
    check_answer({"z1": "harmful"}, "z1", "helpt niet", number=3, why=why, better=better)
    out = capsys.readouterr().out
    assert out.startswith("Vraag 3: goed.") and why in out and better not in out


def test_check_answered_fails_only_for_an_unanswered_item() -> None:
    check_answered({"z1": "harmful"}, "z1", 1)
    with pytest.raises(AssertionError, match="Vraag 2: je hebt nog geen antwoord gegeven"):
        check_answered({"z1": "harmful"}, "z2", 2)
