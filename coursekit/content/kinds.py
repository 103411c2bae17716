"""The one registry of item kinds: every check that must see every kind iterates it.

An item kind says where its bank files are (the file stem: ``statements`` means
``banks/statements_m*.yaml``; a folder kind such as ``conversations`` means one file per
item in ``banks/conversations/``), which model validates a file, how to list a file's
items, the texts a learner reads, the texts that are key material (what must not reach
the browser before an answer), the guidance an item teaches, and its Dutch label.

``coursekit check``, the content report (spelling, seed overlap, numbers, coverage) and the
key-leak tests take :data:`KINDS` and a :class:`Banks` folder, so a new kind registered
here is checked everywhere with no other edit, and a test can register a throwaway one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from coursekit.content.banks import parse_bank_model, unique_across_files
from coursekit.content.conversations import Conversation
from coursekit.content.errors import CourseDataError
from coursekit.content.fact_items import Claim, FactBank, Situation
from coursekit.content.reflections import Reflection, ReflectionBank
from coursekit.content.scenarios import Scenario, ScenarioBank
from coursekit.content.statements import Statement, StatementBank
from coursekit.text import editor

BankT = TypeVar("BankT", bound=BaseModel)
ItemT = TypeVar("ItemT")

_MODULE = re.compile(r"_m(\d+)\.yaml$")


@dataclass(frozen=True)
class BankFile:
    """One bank file: its name inside the banks folder, as messages name it, and its text."""

    name: str  # 'statements_m4.yaml' or 'conversations/appje-van-lisa.yaml'
    source: str  # 'coursekit/banks/statements_m4.yaml'
    text: str

    @property
    def module(self) -> int | None:
        """The module number in a name like ``statements_m4.yaml``; None for a folder kind."""
        match = _MODULE.search(self.name)
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Banks:
    """A banks folder: the packaged one (``coursekit/banks``), or one a test makes."""

    root: Traversable
    name: str = "coursekit/banks"

    def files(self, stem: str, folder: bool = False) -> list[BankFile]:
        """The files of one stem: ``stem_*.yaml``, or every ``*.yaml`` in the folder ``stem``."""
        where = self.root.joinpath(stem) if folder else self.root
        prefix = f"{stem}/" if folder else ""
        if not where.is_dir():
            return []
        return [
            BankFile(f"{prefix}{entry.name}", f"{self.name}/{prefix}{entry.name}", _read(entry))
            for entry in sorted(where.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".yaml") and (folder or entry.name.startswith(f"{stem}_"))
        ]

    def all_names(self) -> list[str]:
        """Every YAML file in the folder and one level down, as :attr:`BankFile.name`."""
        names = []
        for entry in sorted(self.root.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                names += [
                    f"{entry.name}/{sub.name}"
                    for sub in entry.iterdir()
                    if sub.name.endswith(".yaml")
                ]
            elif entry.name.endswith(".yaml"):
                names.append(entry.name)
        return sorted(names)


def _read(entry: Traversable) -> str:
    return entry.read_text(encoding="utf-8")


@cache
def packaged_banks() -> Banks:
    return Banks(resources.files("coursekit.banks"))


def _no_key(_item: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class ItemKind(Generic[BankT, ItemT]):
    """One kind of practice item, and everything the checks need to know of it."""

    #: Names the kind in messages and tests: 'statements'.
    name: str
    #: Dutch, a plural: the column of the coverage report and the count of ``coursekit check``.
    label: str
    #: The bank files: ``stem_*.yaml``, or with ``folder`` every file in ``banks/stem/``.
    stem: str
    #: The model of one bank file.
    bank: type[BankT]
    #: The items of one validated file.
    items: Callable[[BankT], Sequence[ItemT]]
    #: Everything a learner reads of an item (numbers filled in).
    texts: Callable[[ItemT], Iterable[str | None]]
    #: What must not reach the browser before the learner has answered.
    key_material: Callable[[ItemT], Iterable[str | None]] = _no_key
    #: The guidance points an item teaches.
    guidance: Callable[[ItemT], Iterable[str]] = lambda item: item.guidance  # type: ignore[attr-defined]
    #: The key an item is counted under in the report's table of labels: 'uitspraak helpful'.
    tally: Callable[[ItemT], str] | None = None
    folder: bool = False
    #: What ``coursekit check`` says of one file, if not '8 uitspraken'.
    describe: Callable[[BankT], str] | None = None

    @property
    def pattern(self) -> str:
        """Its files, as a message names them: 'statements_*.yaml', 'conversations/*.yaml'."""
        return f"{self.stem}/*.yaml" if self.folder else f"{self.stem}_*.yaml"

    def files(self, banks: Banks) -> list[BankFile]:
        return banks.files(self.stem, self.folder)

    def load(self, file: BankFile) -> BankT:
        """Validate one file; a mistake is a CourseDataError naming the file and item."""
        return parse_bank_model(self.bank, file.text, file.source)

    def items_in(self, banks: Banks) -> Iterator[tuple[BankFile, ItemT]]:
        """Every item of every file, with the file it is in."""
        for file in self.files(banks):
            for item in self.items(self.load(file)):
                yield file, item

    def all_items(self, banks: Banks) -> tuple[ItemT, ...]:
        """Every item of every file; a CourseDataError if an ID is in two files."""
        items = tuple(item for _file, item in self.items_in(banks))
        return unique_across_files(f"{banks.name}/{self.pattern}", items)  # type: ignore[type-var]

    def count(self, bank: BankT) -> str:
        """'8 uitspraken': how many items of this kind a file holds."""
        if self.describe is not None:
            return self.describe(bank)
        return editor.KIND_COUNT.format(count=len(self.items(bank)), label=self.label)


def _conversation_texts(talk: Conversation) -> list[str]:
    texts = [talk.title, talk.intro]
    for turn in talk.turns.values():
        texts += [turn.says] + [t for c in turn.choices for t in (c.text, c.note)]
    return texts + _ending_texts(talk)


def _ending_texts(talk: Conversation) -> list[str]:
    return [
        t
        for e in talk.endings.values()
        for t in (e.says, e.debrief, e.debrief_after_repair)
        if t is not None
    ]


def _conversation_key(talk: Conversation) -> list[str]:
    """Where a choice leads and why: every turn after the start, every note and ending."""
    texts = [turn.says for node, turn in talk.turns.items() if node != talk.start]
    texts += [c.note for t in talk.turns.values() for c in t.choices]
    return texts + _ending_texts(talk)


STATEMENTS: ItemKind[StatementBank, Statement] = ItemKind(
    name="statements",
    label=editor.KIND_STATEMENTS,
    stem="statements",
    bank=StatementBank,
    items=lambda bank: bank.statements,
    texts=lambda s: (s.text, s.why, s.better),
    key_material=lambda s: (s.why, s.better),
    tally=lambda s: editor.TALLY_STATEMENT.format(label=s.label.value),
)
SCENARIOS: ItemKind[ScenarioBank, Scenario] = ItemKind(
    name="scenarios",
    label=editor.KIND_SCENARIOS,
    stem="scenarios",
    bank=ScenarioBank,
    items=lambda bank: bank.scenarios,
    texts=lambda s: [
        s.situation,
        s.question,
        *(t for o in s.options for t in (o.text, o.feedback)),
    ],
    key_material=lambda s: [o.feedback for o in s.options],
    tally=lambda _s: editor.TALLY_SCENARIO,
)
CLAIMS: ItemKind[FactBank, Claim] = ItemKind(
    name="claims",
    label=editor.KIND_CLAIMS,
    stem="facts",
    bank=FactBank,
    items=lambda bank: bank.claims,
    texts=lambda c: (c.text, c.why),
    key_material=lambda c: (c.why,),
    tally=lambda c: editor.TALLY_CLAIM_TRUE if c.is_true else editor.TALLY_CLAIM_FALSE,
)
SITUATIONS: ItemKind[FactBank, Situation] = ItemKind(
    name="situations",
    label=editor.KIND_SITUATIONS,
    stem="facts",
    bank=FactBank,
    items=lambda bank: bank.situations,
    texts=lambda s: (s.text, s.why),
    key_material=lambda s: (s.why,),
    tally=lambda _s: editor.TALLY_SITUATION,
)
CONVERSATIONS: ItemKind[Conversation, Conversation] = ItemKind(
    name="conversations",
    label=editor.KIND_CONVERSATIONS,
    stem="conversations",
    folder=True,
    bank=Conversation,
    items=lambda talk: [talk],
    texts=_conversation_texts,
    key_material=_conversation_key,
    guidance=lambda talk: sorted(
        {g for t in talk.turns.values() for c in t.choices for g in c.guidance}
    ),
    tally=lambda _talk: editor.TALLY_CONVERSATION,
    describe=lambda talk: editor.CLI_TURNS.format(count=len(talk.turns)),
)
REFLECTIONS: ItemKind[ReflectionBank, Reflection] = ItemKind(
    name="reflections",
    label=editor.KIND_REFLECTIONS,
    stem="reflections",
    bank=ReflectionBank,
    items=lambda bank: bank.reflections,
    texts=lambda r: (r.prompt, r.model_answer),
    key_material=lambda r: (r.model_answer,),
    tally=lambda _r: editor.TALLY_REFLECTION,
)

#: Every kind of practice item. A bank file that no kind claims fails a test.
KINDS: tuple[ItemKind[Any, Any], ...] = (
    STATEMENTS,
    SCENARIOS,
    CLAIMS,
    SITUATIONS,
    CONVERSATIONS,
    REFLECTIONS,
)


def unclaimed_files(banks: Banks, kinds: Sequence[ItemKind[Any, Any]] = KINDS) -> list[str]:
    """The bank files that belong to no registered kind."""
    claimed = {file.name for kind in kinds for file in kind.files(banks)}
    return [name for name in banks.all_names() if name not in claimed]


def key_material(banks: Banks, kinds: Sequence[ItemKind[Any, Any]] = KINDS) -> dict[str, list[str]]:
    """Per kind, the texts that must not reach the browser before an answer."""
    return {
        kind.name: [
            text for _file, item in kind.items_in(banks) for text in kind.key_material(item) if text
        ]
        for kind in kinds
    }


@cache
def packaged_items(kind: ItemKind[Any, ItemT]) -> tuple[ItemT, ...]:
    """Every item of a kind in the packaged banks, validated once; IDs unique across files."""
    return kind.all_items(packaged_banks())


def packaged_item(kind: ItemKind[Any, ItemT], item_id: str) -> ItemT:
    """One packaged item by its ID, or one sentence saying there is none."""
    items: tuple[ItemT, ...] = packaged_items(kind)
    for item in items:
        if getattr(item, "id", None) == item_id:
            return item
    raise CourseDataError(editor.ERR_NO_ITEM.format(label=kind.label, id=item_id))
