"""``coursekit overzicht [--csv FILE]``: the state of the group, as a table or as CSV."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer

#: Bad input (no course folder, no gradebook, unreadable progress): one sentence, status 2.
BAD_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coursekit overzicht [--csv FILE] [--course DIR]``."""
    parser = commands.add_parser(
        "overzicht", help=trainer.OV_CLI_HELP, description=trainer.OV_CLI_HELP
    )
    parser.add_argument("--csv", type=Path, default=None, help=trainer.OV_CLI_CSV_HELP)
    parser.add_argument("--course", type=Path, default=None, help=trainer.OV_CLI_COURSE_HELP)
    parser.set_defaults(run=command)


def command(args: argparse.Namespace) -> int:
    """Read the course's stores, word the rows, print or write them."""
    from coursekit.content.course import course as course_map
    from coursekit.overview.group import read_group
    from coursekit.overview.table import csv_bytes, table_lines

    root = (args.course or Path.cwd()).resolve()
    try:
        group = read_group(root, datetime.now(UTC))
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    rows = group.rows
    course = course_map()
    if args.csv is not None:
        try:
            args.csv.write_bytes(csv_bytes(rows))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            print(trainer.OV_CSV_FAILED.format(path=args.csv, reason=reason), file=sys.stderr)
            return BAD_INPUT
        print(trainer.OV_CSV_WRITTEN.format(path=args.csv, count=len(rows)))
        return 0
    if not rows:
        print(trainer.OV_EMPTY)
        return 0
    for line in table_lines(rows, len(course.modules)):
        print(line)
    if not group.has_progress:
        print()
        print(trainer.OV_NO_PROGRESS_NOTE)
    return 0
