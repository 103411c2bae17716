"""Preprocessors that close gaps between nbgrader 0.9 and widget-answered exercises."""

from __future__ import annotations

from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor

from coursekit import strings


class KeepSourceCells(NbGraderPreprocessor):  # type: ignore[misc]
    """Drop every submitted cell that the source notebook did not have.

    nbgrader keeps cells a learner inserts, and they run during autograde: a cell
    between the answers and the tests could fake passing tests. After
    ``OverwriteCells`` has restored the source's cells, only cells whose grade_id
    the gradebook knows for this notebook survive.
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
            if grade_id in known:
                kept.append(cell)
            else:
                message = strings.LOG_FOREIGN_CELL.format(
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

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        clearer = ClearHiddenTests(enforce_metadata=False)
        if clearer._remove_hidden_test_region(cell):
            visible = cell.source.strip()
            cell.source = (visible + "\n" if visible else "") + f"# {strings.FEEDBACK_TEST_HIDDEN}"
        cell.outputs = [_message_only(output) for output in cell.outputs]
        return cell, resources


def _message_only(output: Any) -> Any:
    if output.get("output_type") != "error":
        return output
    return nbformat.v4.new_output("stream", name="stderr", text=f"{output.get('evalue', '')}\n")  # type: ignore[no-untyped-call]
