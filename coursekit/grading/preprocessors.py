"""Preprocessors that close gaps between nbgrader 0.9 and widget-answered exercises."""

from __future__ import annotations

import ast
import copy
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
#: Far more than any exercise's typed answers (eight answers take some 300 characters); a
#: larger cell is not parsed at all, so no literal of megabytes or deep nesting costs time.
MAX_TYPED_CHARS = 10_000


def is_answers_literal(source: str) -> bool:
    """Whether a cell only assigns text answers: ``getypte_antwoorden = {"z1": "helpt"}``.

    The source is parsed, never run, and only if it is at most ``MAX_TYPED_CHARS`` long.
    """
    if len(source) > MAX_TYPED_CHARS:
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
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
    It runs after :class:`OverwriteCellsInOrder`, so the cell's metadata is the release's.
    """

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code":
            return cell, resources
        if _grade_id(cell) != contract.TYPED_CELL and not utils.is_solution(cell):
            return cell, resources
        if not is_answers_literal(cell.source):
            notebook = resources.get("nbgrader", {}).get("notebook", "?")
            too_large = len(cell.source) > MAX_TYPED_CHARS
            message = trainer.LOG_TYPED_TOO_LARGE if too_large else trainer.LOG_CODE_REMOVED
            self.log.warning(message.format(number=index + 1, notebook=notebook))
            cell.source = f"# {trainer.TYPED_CODE_REMOVED}\n{TYPED_ANSWERS} = {{}}"
        return cell, resources


class JoinPastedAnswers(NbGraderPreprocessor):  # type: ignore[misc]
    """A pasted copy of an answer cell counts as one answer: what the volunteer wrote.

    Copying the reflection cell in JupyterLab copies its nbgrader metadata: two cells
    then claim one grade id. nbgrader keeps the last, which may be the empty copy, and the
    text the volunteer wrote would not be graded. Here, before nbgrader's DeduplicateIds,
    the copies of an answer cell become one cell in the place of the first: a text cell
    holds the text of every copy that differs from the release, a code cell the first
    such copy. The trainer's log says so.
    """

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        released = _released_from_gradebook(resources)
        for grade_id, (cell_type, metadata) in released.items():
            copies = [cell for cell in nb.cells if _grade_id(cell) == grade_id]
            if not metadata["solution"] or len(copies) < 2:
                continue
            edited = [
                c for c in copies if _checksum_as(c, cell_type, metadata) != metadata["checksum"]
            ]
            first = copies[0]
            if edited and cell_type == "markdown":
                first.source = "\n\n".join(dict.fromkeys(c.source.strip() for c in edited))
            elif edited:
                first.source = edited[0].source
            pasted = {id(c) for c in copies[1:]}
            nb.cells = [cell for cell in nb.cells if id(cell) not in pasted]
            self.log.warning(trainer.LOG_CELL_PASTED.format(cell=grade_id, count=len(copies)))
        return nb, resources


def _released_from_gradebook(resources: ResourcesDict) -> dict[str, tuple[str, dict[str, Any]]]:
    info = resources["nbgrader"]
    with Gradebook(info["db_url"]) as gradebook:
        try:
            source = gradebook.find_notebook(info["notebook"], info["assignment"])
        except MissingEntry:
            return {}
        return _released_cells(source)


def _checksum_as(cell: NotebookNode, cell_type: str, metadata: dict[str, Any]) -> str:
    """nbgrader's checksum of ``cell`` with the release's type and metadata."""
    twin = copy.deepcopy(cell)
    _set_cell_type(twin, cell_type)
    twin.metadata["nbgrader"] = copy.deepcopy(metadata)
    return str(utils.compute_checksum(twin))


def _rename_back(nb: NotebookNode, released: dict[str, tuple[str, dict[str, Any]]]) -> list[str]:
    """Give a renamed answer cell its grade id back; return the ids given back.

    A cell whose grade id the release does not know, marked as an answer and of the type
    of an answer cell that is missing, is that answer cell renamed (by hand, or by an
    editor that "fixed" a duplicate id).
    """
    present = {_grade_id(cell) for cell in nb.cells}
    missing = [
        grade_id
        for grade_id, (_type, metadata) in released.items()
        if metadata["solution"] and grade_id not in present
    ]
    given_back = []
    for grade_id in missing:
        cell_type = released[grade_id][0]
        renamed = next(
            (
                cell
                for cell in nb.cells
                if _grade_id(cell) not in released
                and _grade_id(cell) is not None
                and cell.cell_type == cell_type
                and cell.metadata["nbgrader"].get("solution") is True
            ),
            None,
        )
        if renamed is not None:
            renamed.metadata["nbgrader"]["grade_id"] = grade_id
            given_back.append(grade_id)
    return given_back


class OverwriteCellsInOrder(OverwriteCells):  # type: ignore[misc]
    """nbgrader's OverwriteCells, trusting only the release and restoring cells in place.

    nbgrader 0.9.6 believes the submitted notebook's own nbgrader metadata: a learner who
    sets ``"solution": false`` on the answers cell, or adds a code cell that borrows a
    grade id, decides which cells are checked. Here every cell whose grade id the
    gradebook knows gets the release's cell type and nbgrader metadata first; a second
    cell with the same grade id, or one with an id the gradebook does not know, loses its
    nbgrader metadata (so :class:`KeepSourceCells` drops it if it is code).

    nbgrader 0.9.6 also puts a deleted grade cell back after the source cell before it, but
    only finds that neighbour if it is a grade or solution cell; after a read-only cell
    (such as the one that loads the answers) it raises KeyError and the whole submission
    fails. It also never restores a deleted read-only cell. Here every missing source
    cell comes back after the nearest source cell before it that is present.
    """

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                source = gradebook.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                source = None
            released = _released_cells(source) if source is not None else {}
        if released:
            for given_back in _rename_back(nb, released):
                self.log.warning(trainer.LOG_CELL_RENAMED.format(cell=given_back))
            seen: set[str] = set()
            for cell in nb.cells:
                grade_id = _grade_id(cell)
                if grade_id is None:
                    cell.get("metadata", {}).pop("nbgrader", None)
                elif grade_id in released and grade_id not in seen:
                    seen.add(grade_id)
                    cell_type, metadata = released[grade_id]
                    _set_cell_type(cell, cell_type)
                    cell.metadata["nbgrader"] = copy.deepcopy(metadata)
                else:  # KeepSourceCells names a dropped code cell; text cells stay
                    if grade_id in released:
                        self.log.warning(trainer.LOG_CELL_ID_TWICE.format(cell=grade_id))
                    del cell.metadata["nbgrader"]
        return super().preprocess(nb, resources)  # type: ignore[no-any-return]

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


def _released_cells(source: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    """grade_id to cell type and nbgrader metadata, as the released notebook has them."""
    points = {cell.name: cell.max_score for cell in source.grade_cells}
    solutions = {cell.name for cell in source.solution_cells}
    tasks = {cell.name for cell in source.task_cells}
    released = {}
    for cell in source.source_cells:
        metadata: dict[str, Any] = {
            "grade": cell.name in points,
            "grade_id": cell.name,
            "locked": bool(cell.locked),
            "schema_version": 3,
            "solution": cell.name in solutions,
            "task": cell.name in tasks,
            "checksum": cell.checksum,
        }
        if cell.name in points:
            metadata["points"] = points[cell.name]
        released[cell.name] = (str(cell.cell_type), metadata)
    return released


def _set_cell_type(cell: NotebookNode, cell_type: str) -> None:
    """Make ``cell`` a valid cell of ``cell_type``, keeping its source."""
    if cell.cell_type == cell_type:
        return
    cell.cell_type = cell_type
    if cell_type == "code":
        cell.outputs, cell.execution_count = [], None
        cell.pop("attachments", None)
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def _grade_id(cell: NotebookNode) -> str | None:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return str(grade_id) if grade_id is not None else None
