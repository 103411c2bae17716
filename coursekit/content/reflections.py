"""Reflection prompts with a model answer (``coursekit/banks/reflections_*.yaml``)."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from coursekit.content.banks import (
    GuidedItem,
    bank_names,
    packaged_text,
    parse_bank_model,
    unique_across_files,
)


class Reflection(GuidedItem):
    prompt: Annotated[str, Field(min_length=1)]
    model_answer: Annotated[str, Field(min_length=1)]


class ReflectionBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    reflections: Annotated[list[Reflection], Field(min_length=1)]


def packaged_reflections(name: str) -> ReflectionBank:
    """A reflection bank shipped in ``coursekit/banks`` by file stem, e.g. 'reflections_m5'."""
    return parse_bank_model(ReflectionBank, *packaged_text(name))


@cache
def all_reflections() -> tuple[Reflection, ...]:
    """Every packaged reflection prompt (``coursekit/banks/reflections_*.yaml``), IDs unique."""
    return unique_across_files(
        "reflections",
        (r for name in bank_names("reflections") for r in packaged_reflections(name).reflections),
    )
