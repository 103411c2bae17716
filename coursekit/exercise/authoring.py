"""Start a graded exercise from a draft: the nbgrader source notebook and its questions file.

A trainer writes one draft (questions with their key, why and better sentence, and one
or two reflections with a rubric) and runs ``coursekit new-exercise DRAFT.yaml``. That
writes ``solutions/NAME/NAME.ipynb`` (the source of truth from then on: edit it in
JupyterLab) and ``solutions/NAME/NAME.vragen.yaml`` (the questions without the key, read
by the widget). The draft is not kept: the key lives in the hidden tests only.

Every item gets its own autograded test cell (``controle-ID``, named in ``contract``), so
that the gradebook holds a score per item. The visible part of a test says which question is
still open (``nbgrader validate``); the hidden part names the key and explains it in the
feedback.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Annotated, Any, Literal

import nbformat
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit.content.banks import unique_ids
from coursekit.content.errors import CourseDataError
from coursekit.content.loading import parse_model
from coursekit.exercise import contract
from coursekit.exercise.checks import parse_expected
from coursekit.exercise.contract import QUESTIONS_SUFFIX
from coursekit.exercise.kinds import GRADED_KINDS
from coursekit.exercise.questions import ExerciseQuestion
from coursekit.text import trainer

Text = Annotated[str, Field(min_length=1)]


class DraftQuestion(ExerciseQuestion):
    """A question with its key and explanation, as a trainer drafts it."""

    answer: Text
    why: Text
    better: str = ""

    @model_validator(mode="after")
    def _answer_fits(self) -> DraftQuestion:
        try:
            value = parse_expected(self.answer)
        except ValueError:
            value = None
        if value is None or self.parse(self.answer) != value:
            raise ValueError(trainer.ERR_DRAFT_ANSWER.format(id=self.id, answer=self.answer))
        if value == self.graded_kind.better_for and not self.better.strip():
            raise ValueError(trainer.ERR_DRAFT_BETTER.format(id=self.id))
        return self


class DraftReflection(BaseModel):
    """A free-text question graded by hand, with the rubric the trainer grades by."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: Text
    points: Annotated[int, Field(ge=1, le=5)]
    rubric: Annotated[list[Text], Field(min_length=1)]
    example: Text


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    exercise: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Text
    intro: Text
    questions: Annotated[list[DraftQuestion], Field(min_length=1)]
    reflections: Annotated[list[DraftReflection], Field(min_length=1, max_length=2)]

    @model_validator(mode="after")
    def _unique(self) -> Draft:
        unique_ids(q.id for q in self.questions)
        return self


def load_draft(path: Path) -> Draft:
    return parse_model(Draft, path.read_text(encoding="utf-8"), str(path))


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, points: int = 0) -> Any:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _markdown(source: str, grade_id: str, **kwargs: Any) -> Any:
    cell = nbformat.v4.new_markdown_cell(source)  # type: ignore[no-untyped-call]
    cell.metadata = _meta(grade_id, **kwargs)
    cell.id = grade_id
    return cell


def _code(source: str, grade_id: str, **kwargs: Any) -> Any:
    cell = nbformat.v4.new_code_cell(source)  # type: ignore[no-untyped-call]
    cell.metadata = _meta(grade_id, **kwargs)
    cell.id = grade_id
    return cell


def _py(text: str) -> str:
    """A Python string literal (JSON's escapes are Python's too)."""
    return json.dumps(text, ensure_ascii=False)


def _typing_help(draft: Draft) -> str:
    """How to type each kind of answer, for runs of questions of the same kind."""
    runs: list[tuple[str, int, int]] = []
    for number, q in enumerate(draft.questions, start=1):
        if runs and runs[-1][0] == q.kind:
            runs[-1] = (q.kind, runs[-1][1], number)
        else:
            runs.append((q.kind, number, number))
    parts = []
    for kind, first, last in runs:
        if first == last:
            which = trainer.DRAFT_ONE_QUESTION.format(number=first)
        elif last == first + 1:
            which = trainer.DRAFT_QUESTIONS_PAIR.format(first=first, last=last)
        else:
            which = trainer.DRAFT_QUESTIONS_RANGE.format(first=first, last=last)
        graded_kind = GRADED_KINDS[kind]
        if graded_kind.has_options:
            parts.append(trainer.DRAFT_TYPE_LETTER.format(which=which))
        else:
            yes, no = graded_kind.typed_example
            parts.append(trainer.DRAFT_TYPE_WORDS.format(which=which, yes=yes, no=no))
    first_q = draft.questions[0]
    example = first_q.graded_kind.typed_example[0]
    return trainer.DRAFT_TYPING.format(
        questions=" ".join(parts), example=f'"{first_q.id}": "{example}",'
    )


def build_notebook(draft: Draft) -> Any:
    """The nbgrader source notebook of an exercise."""
    ex = draft.exercise
    how = trainer.DRAFT_HOW.format(
        reflections=trainer.DRAFT_ONE_REFLECTION
        if len(draft.reflections) == 1
        else trainer.DRAFT_TWO_REFLECTIONS
    )
    cells = [
        _markdown(f"# {draft.title}\n\n{draft.intro.strip()}\n\n{how}", "intro"),
        _code(f"from coursekit import graded\n\ngraded({_py(ex)})", contract.CHOICES_CELL),
        _markdown(_typing_help(draft), "uitleg-typen"),
        _code(
            f"{contract.TYPED_NAME} = {{\n    ### BEGIN SOLUTION\n"
            + "".join(f"    {_py(q.id)}: {_py(q.answer)},\n" for q in draft.questions)
            + "    ### END SOLUTION\n}",
            contract.TYPED_CELL,
            solution=True,
        ),
        _code(
            f"from coursekit import {contract.CHECK_ANSWER}, {contract.CHECK_ANSWERED}, "
            f"{contract.COLLECT_ANSWERS}\n\n"
            f"{contract.ANSWERS_NAME} = {contract.COLLECT_ANSWERS}({_py(ex)}, "
            f'typed=globals().get("{contract.TYPED_NAME}"))',
            contract.LOAD_CELL,
        ),
    ]
    answers = contract.ANSWERS_NAME
    for number, q in enumerate(draft.questions, start=1):
        hidden = (
            f"{contract.CHECK_ANSWER}({answers}, {_py(q.id)}, {_py(q.answer)}, number={number}, "
            f"why={_py(q.why.strip())}"
            + (f", better={_py(q.better.strip())}" if q.better.strip() else "")
            + ")"
        )
        shown = textwrap.fill(
            f"{trainer.DRAFT_TEST_TITLE.format(number=number)}: {q.text.strip()}",
            width=86,
            initial_indent="# ",
            subsequent_indent="#   ",
        )
        source = (
            f"{shown}\n"
            f"{contract.CHECK_ANSWERED}({answers}, {_py(q.id)}, {number})\n"
            f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"
        )
        cells.append(_code(source, contract.check_cell(q.id), grade=True, points=1))
    for index, reflection in enumerate(draft.reflections, start=1):
        prompt_cell, answer_cell = contract.reflection_cells(index)
        rubric = "\n".join(f"- {line}" for line in reflection.rubric)
        criteria = trainer.DRAFT_CRITERIA.format(points=reflection.points, rubric=rubric)
        cells.append(
            _markdown(
                f"## {trainer.DRAFT_REFLECTION}\n\n{reflection.prompt.strip()}\n\n{criteria}",
                prompt_cell,
            )
        )
        cells.append(
            _markdown(
                trainer.DRAFT_RUBRIC.format(
                    points=reflection.points, rubric=rubric, example=reflection.example.strip()
                ),
                answer_cell,
                grade=True,
                solution=True,
                points=reflection.points,
            )
        )
    notebook = nbformat.v4.new_notebook(cells=cells)  # type: ignore[no-untyped-call]
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return notebook


def questions_yaml(draft: Draft) -> str:
    """The questions file: what the widget shows, without key, why or better."""
    questions = []
    for q in draft.questions:
        item: dict[str, Any] = {"id": q.id, "kind": q.kind, "text": q.text}
        if q.question:
            item["question"] = q.question
        if q.options:
            item["options"] = [{"id": o.id, "text": o.text} for o in q.options]
        item["guidance"] = list(q.guidance)
        questions.append(item)
    body = yaml.safe_dump(
        {"schema_version": 1, "exercise": draft.exercise, "questions": questions},
        allow_unicode=True,
        sort_keys=False,
        width=92,
    )
    return trainer.DRAFT_QUESTIONS_HEADER.format(title=draft.title) + body


def write_exercise(draft: Draft, solutions: Path, force: bool = False) -> Path:
    """Write the source notebook and questions file; refuse to overwrite without ``force``."""
    folder = solutions / draft.exercise
    notebook_path = folder / f"{draft.exercise}.ipynb"
    if notebook_path.exists() and not force:
        raise CourseDataError(trainer.ERR_EXERCISE_EXISTS.format(path=notebook_path))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_notebook(draft), notebook_path)  # type: ignore[no-untyped-call]
    (folder / f"{draft.exercise}{QUESTIONS_SUFFIX}").write_text(
        questions_yaml(draft), encoding="utf-8"
    )
    return notebook_path
