"""Preprocessors that close gaps between nbgrader 0.9 and widget-answered exercises."""

from __future__ import annotations

import ast
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import (
    ClearHiddenTests,
    GetGrades,
    NbGraderPreprocessor,
    OverwriteCells,
)

from coursekit.exercise import contract
from coursekit.text import learner, trainer


class KeepSourceCells(NbGraderPreprocessor):  # type: ignore[misc]
    """Drop every code cell that the source notebook did not have.

    nbgrader keeps cells a learner inserts, and they run during autograde: a code cell
    between the answers and the tests could fake passing tests. After the source's
    cells are restored, only code cells whose grade_id the gradebook knows for this
    notebook survive. Inserted text cells stay: they cannot run, and a reflection a
    learner wrote in a new cell by mistake must not be lost. An empty inserted cell
    (Shift+Enter in the last cell) goes without a warning.
    """

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                source = gradebook.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                return nb, resources
            known = {cell.name for cell in source.source_cells}
        kept = []
        for index, cell in enumerate(nb.cells):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in known or cell.cell_type == "markdown":
                kept.append(cell)
            elif cell.source.strip():
                message = trainer.LOG_FOREIGN_CELL.format(
                    number=index + 1, notebook=info["notebook"]
                )
                self.log.warning(message)
        nb.cells = kept
        return nb, resources


class HideTestsInFeedback(NbGraderPreprocessor):  # type: ignore[misc]
    """Keep the key out of generated feedback.

    nbgrader's feedback shows the autograded notebook, hidden tests and tracebacks
    included, and those hold the right answers. For every autograder-test cell this
    removes the hidden test region and turns error outputs into their one-line
    message (the Dutch sentence from ``check_answer``).
    """

    # nbgrader's feedback configures this for every preprocessor, as it does for GetGrades;
    # declaring it keeps the trainer's log free of a warning about an unknown option.
    display_data_priority = GetGrades.display_data_priority

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        clearer = ClearHiddenTests(enforce_metadata=False)
        if clearer._remove_hidden_test_region(cell):
            visible = cell.source.strip()
            cell.source = (visible + "\n" if visible else "") + f"# {learner.FEEDBACK_TEST_HIDDEN}"
        cell.outputs = [_message_only(output) for output in cell.outputs]
        return cell, resources


def _message_only(output: Any) -> Any:
    if output.get("output_type") != "error":
        return output
    return nbformat.v4.new_output("stream", name="stderr", text=f"{output.get('evalue', '')}\n")  # type: ignore[no-untyped-call]


TYPED_ANSWERS = contract.TYPED_NAME


def is_answers_literal(source: str) -> bool:
    """Whether a cell only assigns text answers: ``getypte_antwoorden = {"z1": "helpt"}``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return False
    assign = tree.body[0]
    targets_ok = [getattr(t, "id", None) for t in assign.targets] == [TYPED_ANSWERS]
    value = assign.value
    return (
        targets_ok
        and isinstance(value, ast.Dict)
        and all(
            isinstance(part, ast.Constant) and isinstance(part.value, str)
            for part in [*value.keys, *value.values]
        )
    )


class TypedAnswersOnly(NbGraderPreprocessor):  # type: ignore[misc]
    """The learner's only code cell may hold answers, never code.

    The typed-answers cell runs in the same kernel as the tests, so code there could
    redefine the checking helpers, fake equality or loop forever. Unless the cell is
    exactly one dict of strings assigned to ``getypte_antwoorden``, it is replaced by an
    empty dict before grading, and the trainer's log says so; clicked answers still count.
    """

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or not utils.is_solution(cell):
            return cell, resources
        if not is_answers_literal(cell.source):
            notebook = resources.get("nbgrader", {}).get("notebook", "?")
            self.log.warning(trainer.LOG_CODE_REMOVED.format(number=index + 1, notebook=notebook))
            cell.source = f"# {trainer.TYPED_CODE_REMOVED}\n{TYPED_ANSWERS} = {{}}"
        return cell, resources


class OverwriteCellsInOrder(OverwriteCells):  # type: ignore[misc]
    """nbgrader's OverwriteCells, restoring every deleted source cell in its own place.

    nbgrader 0.9.6 puts a deleted grade cell back after the source cell before it, but
    only finds that neighbour if it is a grade or solution cell; after a read-only cell
    (such as the one that loads the answers) it raises KeyError and the whole submission
    fails. It also never restores a deleted read-only cell. Here every missing source
    cell comes back after the nearest source cell before it that is present.
    """

    def add_missing_grade_cells(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        points = {cell.name: cell.max_score for cell in source.grade_cells}
        solutions = {cell.name for cell in source.solution_cells}
        order = [cell.name for cell in source.source_cells]
        for position, cell in enumerate(source.source_cells):
            present = [_grade_id(c) for c in nb.cells]
            if cell.name in present:
                continue
            self.log.warning(trainer.LOG_CELL_RESTORED.format(cell=cell.name))
            if cell.name in points:
                restored = self.missing_cell_transform(
                    cell, points[cell.name], is_solution=cell.name in solutions
                )
            else:
                restored = self.missing_cell_transform(cell, 0)
                restored["metadata"]["nbgrader"]["grade"] = False
                del restored["metadata"]["nbgrader"]["points"]
            restored["id"] = cell.name
            before = [name for name in order[:position] if name in present]
            index = present.index(before[-1]) + 1 if before else 0
            nb.cells.insert(index, restored)
        return nb, resources


def _grade_id(cell: NotebookNode) -> str | None:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return str(grade_id) if grade_id is not None else None
