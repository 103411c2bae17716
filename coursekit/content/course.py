"""The course map: modules in order, with the guidance each teaches."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coursekit.content.guidance import known_guidance
from coursekit.content.loading import parse_model


class Module(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Annotated[str, Field(min_length=1)]
    about: Annotated[str, Field(min_length=1)]
    minutes: Annotated[int, Field(gt=0)]
    guidance: list[str]

    _known_guidance = field_validator("guidance")(known_guidance)


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    modules: list[Module]

    def module(self, number: int) -> Module:
        for module in self.modules:
            if module.number == number:
                return module
        raise ValueError(f"module {number} does not exist")

    def guidance_before(self, number: int) -> list[str]:
        """The guidance IDs of every module before this one: what a recap draws from."""
        return [gid for m in self.modules if m.number < number for gid in m.guidance]


@cache
def course() -> Course:
    text = resources.files("coursekit.data").joinpath("course.yaml").read_text(encoding="utf-8")
    return parse_model(Course, text, "coursekit/data/course.yaml")
