"""The questions file beside a graded notebook: what the widget shows, without the key."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coursekit.content.banks import GuidedItem
from coursekit.content.errors import CourseDataError
from coursekit.content.loading import parse_model
from coursekit.exercise.contract import QUESTIONS_SUFFIX
from coursekit.exercise.kinds import GRADED_KINDS, GradedKind, KindName
from coursekit.text import editor


class ExerciseOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-d]$")]
    text: Annotated[str, Field(min_length=1)]


class ExerciseQuestion(GuidedItem):
    """A question of a graded exercise: no key here, the key is in the hidden tests.

    ``sort``: helps or not; ``true-false``: true or not; ``choice``: a scenario with
    options a-d.
    """

    kind: KindName
    text: Annotated[str, Field(min_length=1)]
    question: str | None = None
    options: list[ExerciseOption] = Field(default_factory=list)

    @property
    def graded_kind(self) -> GradedKind:
        return GRADED_KINDS[self.kind]

    @model_validator(mode="after")
    def _options_fit_the_kind(self) -> ExerciseQuestion:
        if self.graded_kind.has_options and not 3 <= len(self.options) <= 4:
            raise ValueError(editor.ERR_CHOICE_OPTIONS.format(id=self.id))
        if not self.graded_kind.has_options and self.options:
            raise ValueError(editor.ERR_OPTIONS_NOT_CHOICE.format(id=self.id))
        return self

    def parse(self, value: object) -> str | None:
        """The answer value for what a learner clicked or typed; None if it is not one."""
        if not isinstance(value, str):
            return None
        folded = " ".join(value.lower().split())
        if self.graded_kind.has_options:
            letter = folded.rstrip(".)")
            return letter if letter in {o.id for o in self.options} else None
        return self.graded_kind.typed.get(folded)


class Exercise(BaseModel):
    """The questions file that sits beside a graded notebook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    exercise: Annotated[str, Field(min_length=1)]
    questions: Annotated[list[ExerciseQuestion], Field(min_length=1)]

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def question(self, item_id: str) -> ExerciseQuestion | None:
        return next((q for q in self.questions if q.id == item_id), None)


def load_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """Read ``<exercise_id>.vragen.yaml`` from the notebook's folder."""
    path = (folder or Path.cwd()) / f"{exercise_id}{QUESTIONS_SUFFIX}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(editor.ERR_QUESTIONS_MISSING.format(file=path.name)) from None
    exercise = parse_model(Exercise, text, path.name)
    if exercise.exercise != exercise_id:
        raise CourseDataError(
            editor.ERR_OTHER_EXERCISE.format(file=path.name, exercise=exercise.exercise)
        )
    return exercise
