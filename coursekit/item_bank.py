"""Item banks: YAML files with a schema_version, validated into typed models.

A content editor with a typo gets one sentence that names the file and the item,
never a traceback: ``load_bank`` raises :class:`CourseDataError` with that sentence.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coursekit.errors import CourseDataError
from coursekit.guidance import guidance_ids

SCHEMA_VERSION = 1

NonEmptyText = Annotated[str, Field(min_length=1)]


def known_guidance(cls: type, value: list[str]) -> list[str]:
    """Field validator: every guidance ID must exist in points.yaml."""
    unknown = [gid for gid in value if gid not in guidance_ids()]
    if unknown:
        raise ValueError(f"onbekende richtlijn-ID {', '.join(unknown)}")
    return value


def unique_ids(ids: Iterable[str]) -> None:
    """Model validator helper: every item ID in a file appears once."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"de ID '{item_id}' komt twee keer voor")
        seen.add(item_id)


class Label(StrEnum):
    """Whether saying or doing this helps the person who is stalked."""

    HELPFUL = "helpful"
    HARMFUL = "harmful"


class Statement(BaseModel):
    """One thing a supporter might say or do, with its key and its explanation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: NonEmptyText
    label: Label
    why: NonEmptyText
    better: str | None = None
    guidance: Annotated[list[str], Field(min_length=1)]

    _known_guidance = field_validator("guidance")(known_guidance)

    @property
    def key(self) -> str:
        """The right answer, as the value a widget's button carries."""
        return self.label.value

    @model_validator(mode="after")
    def _better_only_for_harmful(self) -> Statement:
        if self.label is Label.HARMFUL and not self.better:
            raise ValueError("een uitspraak die niet helpt heeft een betere zin nodig (better)")
        if self.label is Label.HELPFUL and self.better:
            raise ValueError("een uitspraak die helpt heeft geen betere zin (better)")
        return self


class StatementBank(BaseModel):
    """A file of statements for the statement-sort quiz."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: NonEmptyText
    statements: Annotated[list[Statement], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> StatementBank:
        unique_ids(s.id for s in self.statements)
        return self

    def select(self, guidance: str) -> list[Statement]:
        """The statements that teach a guidance ID ('N3') or any point of a section ('N')."""
        return [s for s in self.statements if matches(s.guidance, [guidance])]


_FIELD_NAMES = {
    "id": "id",
    "text": "tekst (text)",
    "label": "label",
    "why": "uitleg (why)",
    "better": "betere zin (better)",
    "guidance": "richtlijn-ID's (guidance)",
    "schema_version": "schema_version",
    "title": "titel (title)",
    "statements": "uitspraken (statements)",
}


def _describe(error: Any, data: Any) -> str:
    """One Dutch phrase for one pydantic error: which item, which field, what is wrong."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        index = loc[1]
        item_id = None
        with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
            item_id = data[loc[0]][index].get("id")
        where = f"item {index + 1}" + (f" (id '{item_id}')" if item_id else "")
        loc = loc[2:]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    kind = error["type"]
    name = _FIELD_NAMES.get(field, field)
    if kind == "missing":
        what = f"het veld {name} ontbreekt"
    elif kind == "extra_forbidden":
        what = f"het veld '{field}' ken ik niet"
    elif kind == "enum":
        what = f"label '{error['input']}' bestaat niet; kies helpful of harmful"
    elif kind == "literal_error" and field == "schema_version":
        what = f"schema_version moet {SCHEMA_VERSION} zijn, niet {error['input']!r}"
    elif kind == "string_too_short":
        what = f"het veld {name} is leeg"
    elif kind == "string_pattern_mismatch":
        what = f"de id '{error['input']}' mag alleen kleine letters, cijfers en streepjes hebben"
    elif kind == "value_error":
        what = str(error["msg"]).removeprefix("Value error, ")
    else:
        what = f"{name or 'de inhoud'}: {error['msg']}"
    return f"{where}: {what}" if where else what


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_model(model: type[ModelT], text: str, source: str) -> ModelT:
    """Validate YAML text into a model; ``source`` names the file in the one-sentence error."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" op regel {mark.line + 1}" if mark is not None else ""
        raise CourseDataError(f"{source}: dit is geen geldige YAML{line}.") from None
    if not isinstance(data, dict):
        raise CourseDataError(
            f"{source}: het bestand moet velden hebben, zoals schema_version, title en statements."
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = len(exc.errors()) - 1
        tail = f" (en nog {more} andere fout{'en' if more > 1 else ''})" if more else ""
        raise CourseDataError(f"{source}, {_describe(first, data)}{tail}.") from None


def parse_bank(text: str, source: str) -> StatementBank:
    """Validate the YAML text of a statement bank; ``source`` names it in messages."""
    return parse_model(StatementBank, text, source)


def packaged_text(name: str) -> tuple[str, str]:
    """The text of a packaged bank file (``coursekit/banks/NAME.yaml``) and its display name."""
    resource = resources.files("coursekit.banks").joinpath(f"{name}.yaml")
    if not resource.is_file():
        raise CourseDataError(f"Er is geen vragenbank '{name}' in coursekit/banks.")
    return resource.read_text(encoding="utf-8"), f"coursekit/banks/{name}.yaml"


def load_bank(path: Path) -> StatementBank:
    """Load and validate a statement bank file."""
    return parse_bank(path.read_text(encoding="utf-8"), str(path))


def packaged_bank(name: str) -> StatementBank:
    """A statement bank shipped in ``coursekit/banks`` by file stem, e.g. 'statements_n'."""
    return parse_bank(*packaged_text(name))


def all_statements() -> list[Statement]:
    """Every practice statement of every packaged statement bank."""
    folder = resources.files("coursekit.banks")
    names = sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.startswith("statements_") and entry.name.endswith(".yaml")
    )
    return [s for name in names for s in packaged_bank(name).statements]


def matches(guidance: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any guidance ID is wanted, where 'N' wants every N point and 'N3' only N3."""
    wanted = set(wanted)
    return any(gid in wanted or gid.rstrip("0123456789") in wanted for gid in guidance)
