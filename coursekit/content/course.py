"""The course map: modules in order, with the guidance each teaches."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coursekit.content.guidance import known_guidance
from coursekit.content.loading import parse_model
from coursekit.text import editor


class Module(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    # Stable: progress is kept under it (coursekit/data/course.yaml says when it may change).
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Annotated[str, Field(min_length=1)]
    about: Annotated[str, Field(min_length=1)]
    minutes: Annotated[int, Field(gt=0)]
    guidance: list[str]

    _known_guidance = field_validator("guidance")(known_guidance)

    @property
    def file(self) -> str:
        """The module's notebook in ``modules/``."""
        return f"{self.number:02d}-{self.slug}.ipynb"


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    #: The course's name, as a certificate and the pages print it.
    name: Annotated[str, Field(min_length=1)]
    modules: list[Module]

    @model_validator(mode="after")
    def _ids_unique(self) -> Course:
        seen: set[str] = set()
        for module in self.modules:
            if module.id in seen:
                raise ValueError(editor.COURSE_DUPLICATE_MODULE_ID.format(id=module.id))
            seen.add(module.id)
        return self

    def module(self, number: int) -> Module:
        for module in self.modules:
            if module.number == number:
                return module
        raise ValueError(f"module {number} does not exist")

    def by_id(self, module_id: str) -> Module | None:
        """The module whose stable id is ``module_id``, or None."""
        return next((m for m in self.modules if m.id == module_id), None)

    def by_file(self, name: str) -> Module | None:
        """The module whose notebook is ``name`` (``01-wat-is-stalking.ipynb``), or None."""
        return next((m for m in self.modules if m.file == name), None)

    def after(self, module: Module) -> Module | None:
        """The module that follows ``module`` in the course, or None after the last."""
        later = [m for m in self.modules if m.number > module.number]
        return min(later, key=lambda m: m.number) if later else None

    def guidance_before(self, number: int) -> list[str]:
        """The guidance IDs of every module before this one: what a recap draws from."""
        return list(
            dict.fromkeys(gid for m in self.modules if m.number < number for gid in m.guidance)
        )


@cache
def course() -> Course:
    text = resources.files("coursekit.data").joinpath("course.yaml").read_text(encoding="utf-8")
    return parse_model(Course, text, "coursekit/data/course.yaml")
