"""``coursekit check``: validate every bank file of every registered kind, the facts file and
the course map, one line each; a mistake is one Dutch sentence naming the file and item."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from coursekit.content.banks import unique_across_files
from coursekit.content.course import course
from coursekit.content.errors import CourseDataError
from coursekit.content.facts import facts
from coursekit.content.kinds import KINDS, BankFile, Banks, ItemKind, packaged_banks
from coursekit.text import editor

Check = tuple[str, Callable[[], str]]


def checks(banks: Banks, kinds: Sequence[ItemKind[Any, Any]] = KINDS) -> list[Check]:
    """One check per file, then one per kind across its files: a name and what to run."""
    found: list[Check] = [
        ("data/facts.yaml", lambda: editor.CLI_LINES.format(count=len(facts().help_lines))),
        ("data/course.yaml", lambda: editor.CLI_MODULES.format(count=len(course().modules))),
    ]
    files: dict[str, tuple[BankFile, list[ItemKind[Any, Any]]]] = {}
    for kind in kinds:
        for file in kind.files(banks):
            files.setdefault(file.name, (file, []))[1].append(kind)
    for name, (file, file_kinds) in sorted(files.items()):
        found.append((f"banks/{name}", partial(_file_summary, file, file_kinds)))
    stems: dict[str, list[ItemKind[Any, Any]]] = {}
    for kind in kinds:
        stems.setdefault(kind.stem, []).append(kind)
    for stem_kinds in stems.values():
        found.append((f"banks/{stem_kinds[0].pattern}", partial(_stem_summary, stem_kinds, banks)))
    return found


def _file_summary(file: BankFile, kinds: Sequence[ItemKind[Any, Any]]) -> str:
    bank = kinds[0].load(file)  # the kinds of one file share its model
    return ", ".join(kind.count(bank) for kind in kinds)


def _stem_summary(kinds: Sequence[ItemKind[Any, Any]], banks: Banks) -> str:
    """The files of one stem together: IDs unique across files and across the kinds in them."""
    every = [item for kind in kinds for _file, item in kind.items_in(banks)]
    unique_across_files(f"{banks.name}/{kinds[0].pattern}", every)
    counts = [
        editor.KIND_COUNT.format(count=len(kind.all_items(banks)), label=kind.label)
        for kind in kinds
    ]
    return editor.CLI_UNIQUE.format(summary=", ".join(counts))


def run_checks(checks_to_run: Sequence[Check]) -> int:
    """Print one line per check; the number of checks that failed."""
    problems = 0
    for name, run in checks_to_run:
        try:
            summary = run()
        except CourseDataError as exc:
            print(exc, file=sys.stderr)
            problems += 1
        else:
            print(editor.CLI_OK.format(name=name, summary=summary))
    return problems


def command(_args: argparse.Namespace) -> int:
    """Validate every bank, conversation, the facts file and the course map."""
    return 1 if run_checks(checks(packaged_banks())) else 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("check", help=editor.CLI_CHECK_HELP)
    parser.set_defaults(run=command)
