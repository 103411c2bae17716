"""The ``coursekit`` command for content editors and trainers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from coursekit import strings
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
            lambda: strings.CLI_STATEMENTS.format(
                count=len(packaged_bank("statements_n").statements)
            ),
        ),
        (
            "scenarios.yaml",
            lambda: strings.CLI_SCENARIOS.format(count=len(scenario_bank().scenarios)),
        ),
        (
            "reflections.yaml",
            lambda: strings.CLI_REFLECTIONS.format(count=len(reflection_bank().reflections)),
        ),
        (
            "facts.yaml",
            lambda: strings.CLI_FACTS.format(
                claims=len(facts().claims), situations=len(facts().situations)
            ),
        ),
        ("course.yaml", lambda: strings.CLI_MODULES.format(count=len(course().modules))),
    ]
    for conversation_id in packaged_conversation_ids():
        checks.append(
            (
                f"conversations/{conversation_id}.yaml",
                lambda cid=conversation_id: strings.CLI_TURNS.format(  # type: ignore[misc]
                    count=len(packaged_conversation(cid).turns)
                ),
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
            print(strings.CLI_OK.format(name=name, summary=summary))
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description=strings.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=strings.CLI_CHECK_HELP)
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
