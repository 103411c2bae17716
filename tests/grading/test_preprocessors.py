"""The nbgrader plug-ins of coursekit.grading, one preprocessor at a time, without nbgrader's apps.

As nbgrader's own tests do (nbgrader/tests/preprocessors): notebooks are built in code,
cells carry nbgrader metadata, and where a preprocessor reads the gradebook, nbgrader's
SaveCells has put the released notebook in a temporary SQLite gradebook first. No
nbgrader command runs and no kernel starts.
"""

from __future__ import annotations

import copy
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import Gradebook
from nbgrader.preprocessors import OverwriteCells, SaveCells
from nbgrader.utils import compute_checksum, is_grade, is_locked, is_solution

from coursekit.exercise.contract import ANSWERS_SUFFIX
from coursekit.grading.hooks import answers_files_by_assignment, remove_stray_answers
from coursekit.grading.preprocessors import (
    TYPED_ANSWERS,
    HideTestsInFeedback,
    KeepSourceCells,
    OverwriteCellsInOrder,
    TypedAnswersOnly,
    is_answers_literal,
)
from coursekit.text import learner, trainer
from tests.support.course import ROOT

ASSIGNMENT = "oefening"
NOTEBOOK = "oefening"
LOG = "tests.grading.preprocessors"

TYPED = "getypte_antwoorden = {\n    # Typ hier je antwoorden\n}"
LOAD = 'from coursekit import check_answer\n\nantwoorden = {"z1": "harmful"}'
KEY = "helpt niet"


def _test_source(item: str) -> str:
    """An autograder test: a visible check, then the key in nbgrader's hidden region."""
    return (
        f'assert "{item}" in antwoorden\n'
        "### BEGIN HIDDEN TESTS\n"
        f'check_answer(antwoorden, "{item}", "{KEY}")\n'
        "### END HIDDEN TESTS"
    )


def _cell(
    kind: str,
    source: str,
    grade_id: str | None = None,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    points: float = 0,
) -> NotebookNode:
    """A cell as nbgrader's create assistant leaves it, checksum included."""
    cell = new_code_cell(source) if kind == "code" else new_markdown_cell(source)
    if grade_id is not None:
        cell.metadata.nbgrader = {
            "grade": grade,
            "grade_id": grade_id,
            "locked": locked,
            "schema_version": 3,
            "solution": solution,
            "task": False,
        }
        if grade:
            cell.metadata.nbgrader["points"] = points
        cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    return cell


def _released() -> NotebookNode:
    """A graded exercise shaped like the course's: read-only cells between answers and tests."""
    choices = 'from coursekit import graded\n\ngraded("oefening")'
    return new_notebook(
        cells=[
            _cell("markdown", "# Oefening", "intro", locked=True),
            _cell("code", choices, "keuzes", locked=True),
            _cell("code", TYPED, "getypte-antwoorden", solution=True),
            _cell("code", LOAD, "antwoorden-laden", locked=True),
            _cell("code", _test_source("z1"), "controle-z1", grade=True, locked=True, points=1),
            _cell("code", _test_source("z2"), "controle-z2", grade=True, locked=True, points=1),
            _cell("markdown", "Schrijf hier.", "reflectie", grade=True, solution=True, points=2),
        ]
    )


SOURCE_ORDER = [
    "intro",
    "keuzes",
    "getypte-antwoorden",
    "antwoorden-laden",
    "controle-z1",
    "controle-z2",
    "reflectie",
]


def _grade_id(cell: NotebookNode) -> str | None:
    grade_id: str | None = cell.metadata.get("nbgrader", {}).get("grade_id")
    return grade_id


def _ids(nb: NotebookNode) -> list[str | None]:
    return [_grade_id(cell) for cell in nb.cells]


def _cell_named(nb: NotebookNode, grade_id: str) -> NotebookNode:
    return next(cell for cell in nb.cells if _grade_id(cell) == grade_id)


@pytest.fixture(scope="module")
def released_gradebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gradebook that knows the released notebook, as after ``generate_assignment``."""
    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    db_url = f"sqlite:///{path}"
    with Gradebook(db_url) as gradebook:
        gradebook.add_assignment(ASSIGNMENT)
    info = {"db_url": db_url, "assignment": ASSIGNMENT, "notebook": NOTEBOOK}
    SaveCells().preprocess(_released(), {"nbgrader": info})
    return path


@pytest.fixture
def resources(released_gradebook: Path, tmp_path: Path) -> dict[str, Any]:
    """What nbgrader hands a preprocessor at autograde, with a fresh copy of that gradebook."""
    path = Path(shutil.copy(released_gradebook, tmp_path / "gradebook.db"))
    info = {"db_url": f"sqlite:///{path}", "assignment": ASSIGNMENT, "notebook": NOTEBOOK}
    return {"nbgrader": info}


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> logging.Logger:
    """The logger handed to each preprocessor: what the trainer reads during autograde."""
    caplog.set_level(logging.WARNING, logger=LOG)
    return logging.getLogger(LOG)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOG]


# -- KeepSourceCells ---------------------------------------------------------------------


def test_a_code_cell_the_learner_inserted_is_dropped_before_it_can_run(
    resources: dict[str, Any], log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _released()
    nb.cells.insert(4, new_code_cell("def check_answer(*args):\n    pass"))
    nb, _ = KeepSourceCells(log=log).preprocess(nb, resources)
    assert _ids(nb) == SOURCE_ORDER
    assert _warnings(caplog) == [trainer.LOG_FOREIGN_CELL.format(number=5, notebook=NOTEBOOK)]


def test_a_code_cell_with_a_grade_id_the_gradebook_does_not_know_is_dropped(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    forged = _cell("code", "antwoorden = {'z1': 'helpt niet'}", "controle-z9", locked=True)
    nb.cells.insert(4, forged)
    nb, _ = KeepSourceCells(log=log).preprocess(nb, resources)
    assert _ids(nb) == SOURCE_ORDER


def test_a_text_cell_the_learner_inserted_is_kept_in_its_place(
    resources: dict[str, Any], log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _released()
    nb.cells.insert(3, new_markdown_cell("Ik twijfelde bij vraag 1."))
    nb, _ = KeepSourceCells(log=log).preprocess(nb, resources)
    assert _ids(nb) == [*SOURCE_ORDER[:3], None, *SOURCE_ORDER[3:]]
    assert nb.cells[3].source == "Ik twijfelde bij vraag 1."
    assert _warnings(caplog) == []


def test_an_empty_inserted_code_cell_goes_without_a_warning(
    resources: dict[str, Any], log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _released()
    nb.cells.append(new_code_cell("  \n"))
    nb, _ = KeepSourceCells(log=log).preprocess(nb, resources)
    assert _ids(nb) == SOURCE_ORDER
    assert _warnings(caplog) == []


def test_a_notebook_the_gradebook_does_not_know_is_left_to_nbgrader(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    nb.cells.append(new_code_cell("print('extra')"))
    other = {"nbgrader": {**resources["nbgrader"], "notebook": "onbekend"}}
    nb, _ = KeepSourceCells(log=log).preprocess(nb, other)
    assert _ids(nb) == [*SOURCE_ORDER, None]


# -- HideTestsInFeedback -----------------------------------------------------------------


def _error(evalue: str) -> NotebookNode:
    traceback = [f'check_answer(antwoorden, "z1", "{KEY}")', f"AssertionError: {evalue}"]
    return new_output("error", ename="AssertionError", evalue=evalue, traceback=traceback)


def _feedback(nb: NotebookNode) -> NotebookNode:
    nb, _ = HideTestsInFeedback().preprocess(nb, {})
    return nb


def test_feedback_shows_the_visible_check_and_not_the_hidden_tests_with_the_key() -> None:
    nb = _feedback(_released())
    test = _cell_named(nb, "controle-z1")
    assert test.source == f'assert "z1" in antwoorden\n# {learner.FEEDBACK_TEST_HIDDEN}'
    assert KEY not in "".join(cell.source for cell in nb.cells if cell.cell_type == "code")


def test_feedback_turns_a_failed_test_into_its_one_line_message() -> None:
    nb = _released()
    test = _cell_named(nb, "controle-z1")
    printed = new_output("stream", name="stdout", text="vraag 1\n")
    test.outputs = [printed, _error("Vraag 1 is nog niet goed.")]
    test = _cell_named(_feedback(nb), "controle-z1")
    assert [o.output_type for o in test.outputs] == ["stream", "stream"]
    assert test.outputs[0] == printed
    assert (test.outputs[1].name, test.outputs[1].text) == ("stderr", "Vraag 1 is nog niet goed.\n")
    assert KEY not in str(test.outputs)


def test_a_test_without_hidden_tests_keeps_its_source_in_feedback() -> None:
    nb = _released()
    test = _cell_named(nb, "controle-z2")
    test.source = 'assert "z2" in antwoorden'
    test.outputs = [_error("Vraag 2 is nog niet beantwoord.")]
    test = _cell_named(_feedback(nb), "controle-z2")
    assert test.source == 'assert "z2" in antwoorden'
    assert test.outputs[0].text == "Vraag 2 is nog niet beantwoord.\n"


def test_a_test_of_only_hidden_tests_shows_just_the_note_in_feedback() -> None:
    nb = _released()
    test = _cell_named(nb, "controle-z2")
    test.source = test.source.split("\n", 1)[1]  # without the visible check
    test = _cell_named(_feedback(nb), "controle-z2")
    assert test.source == f"# {learner.FEEDBACK_TEST_HIDDEN}"


def test_feedback_leaves_the_learners_answers_and_read_only_cells_as_they_are() -> None:
    nb = _released()
    graded_answer = _cell("code", "print(1 / 0)", "som", grade=True, solution=True, points=1)
    nb.cells.append(graded_answer)
    for grade_id in ("getypte-antwoorden", "antwoorden-laden", "som"):
        _cell_named(nb, grade_id).outputs = [_error("iets ging mis")]
    before = copy.deepcopy(nb)
    after = _feedback(nb)
    for grade_id in ("getypte-antwoorden", "antwoorden-laden", "som", "reflectie", "intro"):
        assert _cell_named(after, grade_id) == _cell_named(before, grade_id), grade_id


# -- TypedAnswersOnly --------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        'getypte_antwoorden = {"z1": "helpt niet", "w1": "waar"}',
        'getypte_antwoorden = {\n    # Typ hier je antwoorden\n    "z1": "helpt",\n}',
        TYPED,
        "getypte_antwoorden = {}",
        'getypte_antwoorden = {"k1": "b" "c"}',  # implicit concatenation is still one string
    ],
    ids=["answers", "with-comments", "released-stub", "empty", "concatenated"],
)
def test_a_dict_of_strings_assigned_to_the_typed_answers_is_an_answers_literal(
    source: str,
) -> None:
    assert is_answers_literal(source)


@pytest.mark.parametrize(
    "source",
    [
        'getypte_antwoorden = {"z1": "helpt"}\nimport os',
        'import os\ngetypte_antwoorden = {"z1": "helpt"}',
        'getypte_antwoorden = {"z1": check_answer}',
        'getypte_antwoorden = {"z1": f"{open(\'/etc/passwd\').read()}"}',
        'getypte_antwoorden = {"z1": 1}',
        "getypte_antwoorden = {**globals()}",
        'getypte_antwoorden = {**"z1"}',  # a string, but not a key and its answer
        'getypte_antwoorden = dict(z1="helpt")',
        'getypte_antwoorden = x = {"z1": "helpt"}',
        'antwoorden = {"z1": "helpt"}',
        'getypte_antwoorden: dict = {"z1": "helpt"}',
        'getypte_antwoorden["z1"] = "helpt"',
        'getypte_antwoorden = {"z1": "helpt"',
        "",
        "while True: pass",
    ],
    ids=[
        "code-after",
        "code-before",
        "name",
        "f-string",
        "number",
        "unpacking",
        "unpacking-a-string",
        "call",
        "two-targets",
        "other-name",
        "annotated",
        "subscript",
        "syntax-error",
        "empty-cell",
        "loop",
    ],
)
def test_anything_else_is_not_an_answers_literal(source: str) -> None:
    assert not is_answers_literal(source)


def test_code_in_the_answers_cell_is_replaced_by_no_answers_and_logged(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _released()
    _cell_named(nb, "getypte-antwoorden").source = "def check_answer(*args):\n    pass"
    nb, _ = TypedAnswersOnly(log=log).preprocess(nb, {"nbgrader": {"notebook": NOTEBOOK}})
    replaced = _cell_named(nb, "getypte-antwoorden").source
    assert replaced == f"# {trainer.TYPED_CODE_REMOVED}\n{TYPED_ANSWERS} = {{}}"
    assert is_answers_literal(replaced), "what is left runs as no typed answers"
    assert _warnings(caplog) == [trainer.LOG_CODE_REMOVED.format(number=3, notebook=NOTEBOOK)]


def test_typed_answers_stay_as_the_learner_typed_them(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _released()
    typed = 'getypte_antwoorden = {\n    "z1": "helpt niet",\n}'
    _cell_named(nb, "getypte-antwoorden").source = typed
    nb, _ = TypedAnswersOnly(log=log).preprocess(nb, {"nbgrader": {"notebook": NOTEBOOK}})
    assert _cell_named(nb, "getypte-antwoorden").source == typed
    assert _warnings(caplog) == []


def test_only_answer_cells_are_checked_for_code(log: logging.Logger) -> None:
    nb = _released()
    before = copy.deepcopy(nb)
    nb, _ = TypedAnswersOnly(log=log).preprocess(nb, {})
    assert nb == before, "read-only code, tests and a written answer are not typed answers"


# -- OverwriteCellsInOrder ---------------------------------------------------------------


def _overwrite(nb: NotebookNode, resources: dict[str, Any], log: logging.Logger) -> NotebookNode:
    preprocessor = OverwriteCellsInOrder(log=log, add_missing_cells=True)
    nb, _ = preprocessor.preprocess(nb, resources)
    return nb


def _without(*grade_ids: str) -> NotebookNode:
    nb = _released()
    nb.cells = [cell for cell in nb.cells if _grade_id(cell) not in grade_ids]
    return nb


def test_nbgraders_own_overwrite_fails_on_a_test_deleted_after_a_read_only_cell(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    """Why OverwriteCellsInOrder exists: drop it once this test fails after an upgrade."""
    with pytest.raises(KeyError):
        OverwriteCells(log=log, add_missing_cells=True).preprocess(
            _without("controle-z1"), resources
        )


def test_a_deleted_test_after_a_read_only_cell_comes_back_in_its_place(
    resources: dict[str, Any], log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    nb = _overwrite(_without("controle-z1"), resources, log)
    assert _ids(nb) == SOURCE_ORDER
    restored = _cell_named(nb, "controle-z1")
    assert is_grade(restored) and is_locked(restored) and not is_solution(restored)
    assert restored["metadata"]["nbgrader"]["points"] == 1  # nested plain dicts, as nbgrader makes
    assert restored.source.endswith(_test_source("z1")), "the test from the gradebook"
    assert trainer.LOG_CELL_RESTORED.format(cell="controle-z1") in _warnings(caplog)


def test_a_deleted_read_only_cell_comes_back_read_only_and_worth_nothing(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _overwrite(_without("antwoorden-laden"), resources, log)
    assert _ids(nb) == SOURCE_ORDER
    restored = _cell_named(nb, "antwoorden-laden")
    assert is_locked(restored) and not is_grade(restored)
    assert "points" not in restored["metadata"]["nbgrader"]
    assert restored.source.endswith(LOAD)


def test_a_deleted_first_cell_comes_back_first(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _overwrite(_without("intro"), resources, log)
    assert _ids(nb) == SOURCE_ORDER


def test_several_deleted_cells_come_back_in_the_order_of_the_source(
    resources: dict[str, Any], log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    gone = ("keuzes", "getypte-antwoorden", "controle-z2", "reflectie")
    nb = _overwrite(_without(*gone), resources, log)
    assert _ids(nb) == SOURCE_ORDER
    assert is_grade(_cell_named(nb, "reflectie")) and is_solution(_cell_named(nb, "reflectie"))
    restored = [trainer.LOG_CELL_RESTORED.format(cell=grade_id) for grade_id in gone]
    assert [w for w in _warnings(caplog) if w in restored] == restored


def test_an_edited_test_still_gets_its_source_back(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    _cell_named(nb, "controle-z1").source = "pass"
    nb = _overwrite(nb, resources, log)
    assert _cell_named(nb, "controle-z1").source == _test_source("z1")
    assert _ids(nb) == SOURCE_ORDER


# -- hooks -------------------------------------------------------------------------------


def test_answers_files_beside_the_source_notebooks_are_removed_before_release(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "source" / ASSIGNMENT
    folder.mkdir(parents=True)
    notebook = folder / f"{NOTEBOOK}.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    stray = folder / f"{NOTEBOOK}{ANSWERS_SUFFIX}"
    stray.write_text("{}", encoding="utf-8")
    keep = [folder / "vragen.yaml", tmp_path / "source" / f"elders{ANSWERS_SUFFIX}"]
    for path in keep:
        path.write_text("{}", encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="coursekit.grading")
    remove_stray_answers(ASSIGNMENT, ".", [str(notebook)])
    assert not stray.exists()
    assert all(path.exists() for path in keep), "only answers files beside the notebooks go"
    assert [r.getMessage() for r in caplog.records] == [
        trainer.LOG_STRAY_ANSWERS.format(path=stray)
    ]


def test_every_assignment_lists_the_answers_file_of_each_of_its_notebooks(
    tmp_path: Path,
) -> None:
    (tmp_path / "twee").mkdir()
    for name in ("b.ipynb", "a.ipynb", "a.vragen.yaml"):
        (tmp_path / "twee" / name).write_text("{}", encoding="utf-8")
    (tmp_path / "leeg").mkdir()
    (tmp_path / "los.ipynb").write_text("{}", encoding="utf-8")
    assert answers_files_by_assignment(tmp_path) == {
        "leeg": [],
        "twee": [f"a{ANSWERS_SUFFIX}", f"b{ANSWERS_SUFFIX}"],
    }


def test_the_course_never_overwrites_a_learners_answers_file_at_autograde() -> None:
    from coursekit.exercise.answers_file import answers_path

    excluded = answers_files_by_assignment(ROOT / "solutions")
    assert excluded["wat-niet-helpt"] == [answers_path("wat-niet-helpt", Path(".")).name]


# -- The release, not the submission, says what each cell is ------------------------------


def _sanitize(nb: NotebookNode, resources: dict[str, Any], log: logging.Logger) -> NotebookNode:
    """The course's sanitizing steps in their order: restore, drop foreign cells, check answers."""
    nb = _overwrite(nb, resources, log)
    nb, _ = KeepSourceCells(log=log).preprocess(nb, resources)
    nb, _ = TypedAnswersOnly(log=log).preprocess(nb, resources)
    return nb


CHEAT = "import coursekit\ncoursekit.check_answer = lambda *a, **k: None\ngetypte_antwoorden = {}"


def test_an_answers_cell_that_claims_to_be_no_answer_cell_is_still_checked_for_code(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    typed = _cell_named(nb, "getypte-antwoorden")
    typed.source = CHEAT
    typed.metadata.nbgrader["solution"] = False
    nb = _sanitize(nb, resources, log)
    typed = _cell_named(nb, "getypte-antwoorden")
    assert is_solution(typed) and not is_locked(typed), "the release's metadata"
    assert typed.source == f"# {trainer.TYPED_CODE_REMOVED}\n{TYPED_ANSWERS} = {{}}"


def test_a_code_cell_that_borrows_the_answers_cells_id_never_runs(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    borrowed = _cell("code", CHEAT, "getypte-antwoorden", solution=False)
    nb.cells.insert(2, borrowed)
    nb = _sanitize(nb, resources, log)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "lambda" not in code
    assert [_grade_id(c) for c in nb.cells].count("getypte-antwoorden") == 1


def test_a_cell_that_claims_another_type_or_to_be_editable_gets_the_release_back(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    intro = _cell_named(nb, "intro")
    intro.cell_type, intro.outputs, intro.execution_count = "code", [], None
    intro.source = "import os"
    intro.metadata.nbgrader.update(locked=False, solution=True)
    test = _cell_named(nb, "controle-z1")
    test.metadata.nbgrader.update(grade=False, locked=False, solution=True)
    test.source = "pass"
    nb = _sanitize(nb, resources, log)
    intro = _cell_named(nb, "intro")
    assert intro.cell_type == "markdown" and "outputs" not in intro
    assert intro.source == "# Oefening" and is_locked(intro) and not is_solution(intro)
    test = _cell_named(nb, "controle-z1")
    assert is_grade(test) and is_locked(test) and not is_solution(test)
    assert test.source == _test_source("z1")


def test_a_markdown_cell_with_a_borrowed_id_keeps_its_text_but_loses_the_id(
    resources: dict[str, Any], log: logging.Logger
) -> None:
    nb = _released()
    nb.cells.insert(7, _cell("markdown", "Nog een keer mijn reflectie.", "reflectie", grade=True))
    nb = _sanitize(nb, resources, log)
    assert _ids(nb) == [*SOURCE_ORDER, None]
    assert nb.cells[-1].source == "Nog een keer mijn reflectie."


@pytest.mark.parametrize(
    "source",
    [
        'getypte_antwoorden = {"z1": "' + "a" * 6_000_000 + '"}',
        "getypte_antwoorden = {" + '"z1": "a", ' * 20_000 + "}",
        "getypte_antwoorden = " + "{" * 30_000 + "}" * 30_000,
        "getypte_antwoorden = " + "(" * 30_000 + ")" * 30_000,
    ],
    ids=["six-megabytes", "many-answers", "deep-dict", "deep-parentheses"],
)
def test_a_huge_or_deep_answers_cell_becomes_no_answers_with_a_line_in_the_log(
    source: str, log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    assert not is_answers_literal(source)
    nb = _released()
    _cell_named(nb, "getypte-antwoorden").source = source
    nb, _ = TypedAnswersOnly(log=log).preprocess(nb, {"nbgrader": {"notebook": NOTEBOOK}})
    assert _cell_named(nb, "getypte-antwoorden").source.endswith(f"{TYPED_ANSWERS} = {{}}")
    assert _warnings(caplog) == [trainer.LOG_TYPED_TOO_LARGE.format(number=3, notebook=NOTEBOOK)]
