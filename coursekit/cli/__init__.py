"""The ``coursekit`` command for content editors and trainers: one module per subcommand,
each with ``add_parser`` and ``command``; the heavy parts load only when run."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from coursekit.cli import (
    certificate,
    check,
    content_report,
    grade,
    hub_permissions,
    new_exercise,
    overview,
    report,
)
from coursekit.text import editor


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description=editor.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    check.add_parser(commands)
    new_exercise.add_parser(commands)
    grade.add_parser(commands)
    report.add_parser(commands)
    overview.add_parser(commands)
    certificate.add_parser(commands)
    content_report.add_parser(commands)
    hub_permissions.add_parser(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))
