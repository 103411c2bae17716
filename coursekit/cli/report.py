"""``coursekit report ASSIGNMENT``: the item analysis of an exercise (CSV and a page)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coursekit report ASSIGNMENT [--course DIR] [--output DIR]``."""
    parser = commands.add_parser(
        "report", help=trainer.IA_CLI_HELP, description=trainer.IA_CLI_HELP
    )
    parser.add_argument("assignment", help=trainer.IA_CLI_ASSIGNMENT_HELP)
    parser.add_argument("--course", type=Path, default=None, help=trainer.IA_CLI_COURSE_HELP)
    parser.add_argument("--output", type=Path, default=None, help=trainer.IA_CLI_OUTPUT_HELP)
    parser.set_defaults(run=command)


def command(args: argparse.Namespace) -> int:
    """Gather, analyse and write; 1 with one Dutch sentence when nothing can be reported."""
    from coursekit.grading.config import load_course
    from coursekit.grading.item_analysis import analyse
    from coursekit.grading.report import gather
    from coursekit.grading.report_page import summary_lines, write_report

    root = (args.course or Path.cwd()).resolve()
    try:
        course = load_course(root, missing=trainer.IA_NO_CONFIG)
        gathered = gather(course, args.assignment)
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for problem in gathered.problems:
        print(problem, file=sys.stderr)
    analysis = analyse(gathered.items, gathered.submissions)
    folder = args.output or course.root / "reports" / args.assignment
    try:
        csv_path, html_path = write_report(analysis, args.assignment, folder)
    except OSError as exc:
        print(trainer.IA_WRITE_FAILED.format(folder=folder, reason=exc.strerror), file=sys.stderr)
        return 1
    for line in summary_lines(analysis, args.assignment):
        print(line)
    print(trainer.IA_WRITTEN.format(csv=csv_path, html=html_path))
    return 0
