"""``coursekit content-report``: per guidance point the sections and items; readability;
spelling; seed overlap; stray numbers. Exit 1 when something fails the build."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coursekit.content.errors import CourseDataError
from coursekit.text import editor


def command(args: argparse.Namespace) -> int:
    from coursekit.quality import CourseFiles, build_report, format_report, problems

    try:
        course_files = CourseFiles((args.course or Path.cwd()).resolve())
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    report = build_report(course_files)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 1 if problems(report) else 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("content-report", help=editor.CLI_REPORT_HELP)
    parser.add_argument("--json", action="store_true", help=editor.CLI_JSON_HELP)
    parser.add_argument("--course", type=Path, default=None, help=editor.REPORT_COURSE_HELP)
    parser.set_defaults(run=command)
