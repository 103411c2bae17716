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

from coursekit import strings
from coursekit.errors import CourseDataError
from coursekit.guidance import guidance_ids, section_of

SCHEMA_VERSION = 1

NonEmptyText = Annotated[str, Field(min_length=1)]


def known_guidance(cls: type, value: list[str]) -> list[str]:
    """Field validator: every guidance ID must exist in points.yaml."""
    unknown = [gid for gid in value if gid not in guidance_ids()]
    if unknown:
        raise ValueError(strings.ERR_GUIDANCE_UNKNOWN.format(ids=", ".join(unknown)))
    return value


def unique_ids(ids: Iterable[str]) -> None:
    """Model validator helper: every item ID in a file appears once."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(strings.ERR_DUPLICATE_ID.format(id=item_id))
        seen.add(item_id)


class GuidedItem(BaseModel):
    """What every item shares: a stable ID and the guidance points it teaches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    guidance: Annotated[list[str], Field(min_length=1)]

    _known_guidance = field_validator("guidance")(known_guidance)


class Label(StrEnum):
    """Whether saying or doing this helps the person who is stalked."""

    HELPFUL = "helpful"
    HARMFUL = "harmful"


class Statement(GuidedItem):
    """One thing a supporter might say or do, with its key and its explanation."""

    text: NonEmptyText
    label: Label
    why: NonEmptyText
    better: str | None = None

    @property
    def key(self) -> str:
        """The right answer, as the value a widget's button carries."""
        return self.label.value

    @model_validator(mode="after")
    def _better_only_for_harmful(self) -> Statement:
        if self.label is Label.HARMFUL and not self.better:
            raise ValueError(strings.ERR_HARMFUL_NEEDS_BETTER)
        if self.label is Label.HELPFUL and self.better:
            raise ValueError(strings.ERR_HELPFUL_NO_BETTER)
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


def _describe(error: Any, data: Any) -> str:
    """One Dutch phrase for one pydantic error: which item, which field, what is wrong."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        index = loc[1]
        item_id = None
        with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
            item_id = data[loc[0]][index].get("id")
        where = (
            strings.ERR_ITEM_ID.format(number=index + 1, id=item_id)
            if item_id
            else strings.ERR_ITEM.format(number=index + 1)
        )
        loc = loc[2:]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    kind = error["type"]
    name = strings.FIELD_NAMES.get(field, field)
    value = error.get("input")
    if kind == "missing":
        what = strings.ERR_FIELD_MISSING.format(field=name)
    elif kind == "extra_forbidden":
        what = strings.ERR_FIELD_UNKNOWN.format(field=field)
    elif kind == "enum":
        what = strings.ERR_LABEL_UNKNOWN.format(value=value)
    elif kind == "literal_error" and field == "schema_version":
        what = strings.ERR_SCHEMA_VERSION.format(expected=SCHEMA_VERSION, value=repr(value))
    elif kind == "string_too_short":
        what = strings.ERR_FIELD_EMPTY.format(field=name)
    elif kind == "string_pattern_mismatch":
        what = strings.ERR_ID_PATTERN.format(value=value)
    elif kind == "value_error":
        what = str(error["msg"]).removeprefix("Value error, ")
    else:
        what = strings.ERR_FIELD_OTHER.format(
            field=name or strings.ERR_CONTENT, message=error["msg"]
        )
    return f"{where}: {what}" if where else what


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_model(model: type[ModelT], text: str, source: str) -> ModelT:
    """Validate YAML text into a model; ``source`` names the file in the one-sentence error."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = strings.ERR_YAML_LINE.format(line=mark.line + 1) if mark is not None else ""
        raise CourseDataError(strings.ERR_NOT_YAML.format(source=source, line=line)) from None
    if not isinstance(data, dict):
        raise CourseDataError(strings.ERR_NOT_FIELDS.format(source=source))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        count = len(exc.errors()) - 1
        errors = strings.ERR_MORE_MANY if count > 1 else strings.ERR_MORE_ONE
        more = strings.ERR_MORE.format(count=count, errors=errors) if count else ""
        what = _describe(first, data)
        raise CourseDataError(
            strings.ERR_FILE_ITEM.format(source=source, what=what, more=more)
        ) from None


def parse_bank(text: str, source: str) -> StatementBank:
    """Validate the YAML text of a statement bank; ``source`` names it in messages."""
    return parse_model(StatementBank, text, source)


def packaged_text(name: str) -> tuple[str, str]:
    """The text of a packaged bank file (``coursekit/banks/NAME.yaml``) and its display name."""
    resource = resources.files("coursekit.banks").joinpath(f"{name}.yaml")
    if not resource.is_file():
        raise CourseDataError(strings.ERR_NO_BANK.format(name=name))
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
    return any(gid in wanted or section_of(gid) in wanted for gid in guidance)
