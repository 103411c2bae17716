"""Reflection prompts with a model answer (``coursekit/banks/reflections_*.yaml``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from coursekit.content.banks import (
    GuidedItem,
)


class Reflection(GuidedItem):
    prompt: Annotated[str, Field(min_length=1)]
    model_answer: Annotated[str, Field(min_length=1)]


class ReflectionBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    reflections: Annotated[list[Reflection], Field(min_length=1)]
