"""The ``coursekit`` command for content editors and trainers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coursekit.errors import CourseDataError
from coursekit.facts import facts
from coursekit.item_bank import load_bank

BANKS = Path(__file__).parent / "banks"


def _check(_args: argparse.Namespace) -> int:
    """Validate every item bank and the facts file; one sentence per problem."""
    problems = 0
    for path in sorted(BANKS.glob("*.yaml")):
        try:
            bank = load_bank(path)
        except CourseDataError as exc:
            print(exc, file=sys.stderr)
            problems += 1
        else:
            print(f"{path.name}: {len(bank.statements)} uitspraken in orde.")
    try:
        facts()
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        problems += 1
    else:
        print("facts.yaml: in orde.")
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
