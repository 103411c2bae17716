"""The course's feedback page: nbgrader's ``generate_feedback`` with a Dutch template.

``nbgrader_config.py`` names :class:`FeedbackExporter` as ``GenerateFeedback.exporter_class``,
so ``nbgrader generate_feedback`` and formgrader's *Generate Feedback* both use it. It is
nbgrader's HTML exporter with the course's template folder (``feedback_template``) searched
first: its ``index.html.j2`` replaces nbgrader's English page (no "Score", no code). After
nbgrader's preprocessors (``GetGrades`` puts the points and comments in the cells) it adds
the page's data to the resources the template reads: the :class:`FeedbackBlock` that the
page carries as JSON, the same data split into its parts for the page itself, the Dutch
sentences and the help lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets import default

from coursekit.content.errors import CourseDataError
from coursekit.content.facts import facts
from coursekit.exercise.contract import REFLECTION_CELL, REFLECTION_PROMPT_CELL
from coursekit.exercise.questions import Exercise, load_exercise
from coursekit.grading.feedback_data import (
    SCHEMA_VERSION,
    CellData,
    FeedbackBlock,
    ReflectionData,
    dutch_number,
    feedback_from_block,
)
from coursekit.text import learner

#: The folder with the page's ``index.html.j2``, searched before nbgrader's. (Its
#: ``feedback/mathjax.html.j2`` is installed beside nbgrader's template for a plain
#: nbgrader; a folder named ``feedback`` is also what copies of a course leave out.)
TEMPLATE_FOLDER = Path(__file__).resolve().parent / "feedback_template"
TEMPLATE = "index.html.j2"
#: nbgrader's placeholder in an unanswered written cell when the config names none.
NBGRADER_TEXT_STUB = "YOUR ANSWER HERE"
#: The comment nbgrader's autograde gives an answer cell left as released: English, and
#: said better by the page itself (learner.FEEDBACK_REFLECTION_EMPTY).
NBGRADER_NO_RESPONSE = "No response."


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback exporter, with the course's Dutch template and its data."""

    @default("template_paths")
    def _template_paths(self, prune: bool = True, root_dirs: Any = None) -> list[str]:
        if not (TEMPLATE_FOLDER / TEMPLATE).is_file():
            # Never fall back to nbgrader's English page with the code in it.
            raise FileNotFoundError(f"the course's feedback template is missing: {TEMPLATE_FOLDER}")
        return [str(TEMPLATE_FOLDER), *super()._template_paths(prune, root_dirs)]

    def _preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        nb, resources = super()._preprocess(nb, resources)  # type: ignore[no-untyped-call]
        info = resources.get("nbgrader", {})
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        exercise = _exercise(str(info.get("assignment", "")), self._source_folder(info), folder)
        block = feedback_block(
            nb,
            info,
            text_stub=self._text_stub(),
            exercise=exercise,
            waiting=_waiting_for_trainer(nb, info),
        )
        resources["coursekit"] = {
            "data": block.model_dump(mode="json"),
            "page": feedback_from_block(block, exercise),
            "text": learner,
            "number": dutch_number,
            "help": facts(),
        }
        return nb, resources

    def _text_stub(self) -> str:
        section = self.config.get("ClearSolutions", {})
        return str(section.get("text_stub", NBGRADER_TEXT_STUB))

    def _source_folder(self, info: Any) -> Path | None:
        """The exercise's folder in the course's source (its trusted questions file)."""
        try:
            from coursekit.grading.config import course_folders

            return course_folders(self.config).source(str(info.get("assignment", "")))
        except Exception:  # no course directory in this config: the page goes without
            return None


def _waiting_for_trainer(nb: Any, info: Any) -> set[str]:
    """The hand-graded cells the trainer has not graded yet, as the gradebook says."""
    answers = [
        cell.metadata["nbgrader"]["grade_id"]
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade")
        and cell.metadata["nbgrader"].get("solution")
    ]
    if not answers or not info.get("db_url"):
        return set()
    from nbgrader.api import Gradebook, MissingEntry

    ids = (info["notebook"], info["assignment"], info["student"])
    waiting = set()
    with Gradebook(info["db_url"]) as gradebook:
        for grade_id in answers:
            try:
                if gradebook.find_grade(grade_id, *ids).needs_manual_grade:
                    waiting.add(grade_id)
            except MissingEntry:
                waiting.add(grade_id)
    return waiting


def _exercise(exercise_id: str, *folders: Path | None) -> Exercise | None:
    """The exercise's questions from the first folder that has them, or None."""
    for folder in folders:
        if folder is None or not exercise_id:
            continue
        try:
            return load_exercise(exercise_id, folder)
        except (CourseDataError, OSError):
            continue
    return None


def feedback_block(
    nb: Any,
    info: Any,
    *,
    text_stub: str = NBGRADER_TEXT_STUB,
    exercise: Exercise | None = None,
    waiting: set[str] | None = None,
) -> FeedbackBlock:
    """The page's data from a graded notebook after nbgrader's ``GetGrades``.

    Every autograded test cell becomes a :class:`CellData` (its output: what it printed or
    raised, never its source); every hand-graded answer cell a :class:`ReflectionData` with
    the prompt of the cell named like it (``reflectie-vraag`` for ``reflectie``); those in
    ``waiting`` are not graded yet.
    """
    cells: list[CellData] = []
    reflections: list[ReflectionData] = []
    prompts: dict[str, str] = {}
    title: str | None = None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = str(meta.get("grade_id", ""))
        if cell.cell_type == "markdown" and title is None:
            title = _heading(cell.source)
        if cell.cell_type == "markdown" and grade_id.startswith(REFLECTION_PROMPT_CELL):
            answer_id = REFLECTION_CELL + grade_id.removeprefix(REFLECTION_PROMPT_CELL)
            prompts[answer_id] = _without_headings(cell.source)
        if not meta.get("grade"):
            continue
        points, max_points = float(meta.get("score") or 0), float(meta.get("points") or 0)
        if meta.get("solution"):
            text = cell.source.strip()
            reflections.append(
                ReflectionData(
                    grade_id=grade_id,
                    prompt=prompts.get(grade_id),
                    text="" if text == text_stub.strip() else text,
                    points=points,
                    max_points=max_points,
                    comment=_comment(meta.get("comment")),
                    graded=grade_id not in (waiting or set()),
                )
            )
        elif cell.cell_type == "code":
            item = grade_id.removeprefix("controle-")
            asked = exercise.question(item) if exercise is not None else None
            cells.append(
                CellData(
                    grade_id=grade_id,
                    points=points,
                    max_points=max_points,
                    passed=max_points > 0 and points >= max_points,
                    output=_output_text(cell),
                    question=asked.text if asked is not None else None,
                )
            )
    return FeedbackBlock(
        schema_version=SCHEMA_VERSION,
        exercise=str(info.get("assignment", "")) or "?",
        notebook=str(info.get("notebook", "")) or "?",
        title=title,
        cells=cells,
        reflections=reflections,
        points=float(info.get("score") or 0),
        max_points=float(info.get("max_score") or 0),
        late_penalty=float(info.get("late_penalty") or 0),
    )


def _comment(comment: Any) -> str | None:
    """The trainer's comment; None for none, or for nbgrader's own "No response."."""
    text = str(comment or "").strip()
    return None if text in {"", NBGRADER_NO_RESPONSE} else text


def _output_text(cell: Any) -> str:
    """What a test cell printed and the message it raised; no traceback, no rich output."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(str(output.get("text", "")))
        elif output.get("output_type") == "error":
            parts.append(str(output.get("evalue", "")) + "\n")
    return "".join(parts).strip()


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _heading(source: str) -> str | None:
    first = next((line for line in source.splitlines() if line.strip()), "")
    found = _HEADING.match(first)
    return found.group(1) if found else None


def _without_headings(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not _HEADING.match(line)).strip()
