"""The ``coursekit`` command for content editors and trainers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from coursekit.conversation import packaged_conversation, packaged_conversation_ids
from coursekit.course import course
from coursekit.errors import CourseDataError
from coursekit.facts import facts
from coursekit.item_bank import packaged_bank
from coursekit.reflection_box import reflection_bank
from coursekit.scenarios import scenario_bank


def _checks() -> list[tuple[str, Callable[[], str]]]:
    checks: list[tuple[str, Callable[[], str]]] = [
        (
            "statements_n.yaml",
            lambda: f"{len(packaged_bank('statements_n').statements)} uitspraken",
        ),
        ("scenarios.yaml", lambda: f"{len(scenario_bank().scenarios)} scenario's"),
        ("reflections.yaml", lambda: f"{len(reflection_bank().reflections)} reflectievragen"),
        (
            "facts.yaml",
            lambda: f"{len(facts().claims)} beweringen, {len(facts().situations)} situaties",
        ),
        ("course.yaml", lambda: f"{len(course().modules)} modules"),
    ]
    for conversation_id in packaged_conversation_ids():
        checks.append(
            (
                f"conversations/{conversation_id}.yaml",
                lambda cid=conversation_id: f"{len(packaged_conversation(cid).turns)} beurten",  # type: ignore[misc]
            )
        )
    return checks


def _check(_args: argparse.Namespace) -> int:
    """Validate every bank, conversation, the facts file and the course map."""
    problems = 0
    for name, run in _checks():
        try:
            summary = run()
        except CourseDataError as exc:
            print(exc, file=sys.stderr)
            problems += 1
        else:
            print(f"{name}: {summary}, in orde.")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description="Hulpmiddelen voor de cursus.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="controleer de vragenbanken en het feitenbestand")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
