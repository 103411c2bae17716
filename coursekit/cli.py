"""The ``coursekit`` command for content editors and trainers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence, Sized
from functools import partial
from pathlib import Path

from coursekit import strings
from coursekit.content.banks import bank_names
from coursekit.content.conversations import packaged_conversation, packaged_conversation_ids
from coursekit.content.course import course
from coursekit.content.errors import CourseDataError
from coursekit.content.fact_items import fact_items, packaged_fact_bank
from coursekit.content.facts import facts
from coursekit.content.reflections import all_reflections, packaged_reflections
from coursekit.content.scenarios import all_scenarios, packaged_scenarios
from coursekit.content.statements import all_statements, packaged_bank
from coursekit.grading.report import add_report_parser


def _statements(name: str) -> str:
    return strings.CLI_STATEMENTS.format(count=len(packaged_bank(name).statements))


def _scenarios(name: str) -> str:
    return strings.CLI_SCENARIOS.format(count=len(packaged_scenarios(name).scenarios))


def _facts(name: str) -> str:
    bank = packaged_fact_bank(name)
    return strings.CLI_FACTS.format(claims=len(bank.claims), situations=len(bank.situations))


def _reflections(name: str) -> str:
    return strings.CLI_REFLECTIONS.format(count=len(packaged_reflections(name).reflections))


def _conversation(conversation_id: str) -> str:
    return strings.CLI_TURNS.format(count=len(packaged_conversation(conversation_id).turns))


# Each kind of bank file, and how to validate and sum up one file of it.
BANK_KINDS: dict[str, Callable[[str], str]] = {
    "statements": _statements,
    "scenarios": _scenarios,
    "facts": _facts,
    "reflections": _reflections,
}


def _checks() -> list[tuple[str, Callable[[], str]]]:
    """One check per file: its name and a function that validates it and sums it up."""
    checks: list[tuple[str, Callable[[], str]]] = [
        ("data/facts.yaml", lambda: strings.CLI_LINES.format(count=len(facts().help_lines))),
        ("data/course.yaml", lambda: strings.CLI_MODULES.format(count=len(course().modules))),
    ]
    for kind, summary in BANK_KINDS.items():
        checks += [(f"banks/{name}.yaml", partial(summary, name)) for name in bank_names(kind)]
    checks += [
        (f"banks/conversations/{cid}.yaml", partial(_conversation, cid))
        for cid in packaged_conversation_ids()
    ]
    checks += [
        ("banks/statements_*.yaml", lambda: _total(all_statements(), strings.CLI_STATEMENTS)),
        ("banks/scenarios_*.yaml", lambda: _total(all_scenarios(), strings.CLI_SCENARIOS)),
        ("banks/reflections_*.yaml", lambda: _total(all_reflections(), strings.CLI_REFLECTIONS)),
        ("banks/facts_*.yaml", _facts_total),
    ]
    return checks


def _facts_total() -> str:
    items = fact_items()
    return strings.CLI_UNIQUE.format(
        summary=strings.CLI_FACTS.format(claims=len(items.claims), situations=len(items.situations))
    )


def _total(items: Sized, what: str) -> str:
    return strings.CLI_UNIQUE.format(summary=what.format(count=len(items)))


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


def _content_report(args: argparse.Namespace) -> int:
    """Print the content report; exit 1 when something in it fails the build."""
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


def _new_exercise(args: argparse.Namespace) -> int:
    """Write a graded exercise's source notebook and questions file from a draft."""
    from coursekit.exercise.authoring import load_draft, write_exercise

    try:
        draft = load_draft(args.draft)
        path = write_exercise(draft, Path.cwd() / "solutions", force=args.force)
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(strings.CLI_EXERCISE_WRITTEN.format(path=path, exercise=draft.exercise))
    return 0


def _grade(args: argparse.Namespace) -> int:
    """Autograde every collected submission of an assignment, in parallel."""
    from coursekit.grading.grade import default_workers, run

    workers = args.workers or default_workers()
    return run(Path.cwd(), args.assignment, workers, args.timeout, sys.stdout, force=args.force)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description=strings.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=strings.CLI_CHECK_HELP)
    check.set_defaults(run=_check)
    new = commands.add_parser("new-exercise", help=strings.CLI_NEW_EXERCISE_HELP)
    new.add_argument("draft", type=Path, help=strings.CLI_DRAFT_HELP)
    new.add_argument("--force", action="store_true", help=strings.CLI_FORCE_HELP)
    new.set_defaults(run=_new_exercise)
    grade = commands.add_parser("grade", help=strings.CLI_GRADE_HELP)
    grade.add_argument("assignment", help=strings.CLI_ASSIGNMENT_HELP)
    grade.add_argument("--workers", type=int, default=None, help=strings.CLI_WORKERS_HELP)
    grade.add_argument("--timeout", type=int, default=None, help=strings.CLI_TIMEOUT_HELP)
    grade.add_argument("--force", action="store_true", help=strings.CLI_GRADE_FORCE_HELP)
    grade.set_defaults(run=_grade)
    add_report_parser(commands)
    report = commands.add_parser("content-report", help=strings.CLI_REPORT_HELP)
    report.add_argument("--json", action="store_true", help=strings.CLI_JSON_HELP)
    report.add_argument("--course", type=Path, default=None, help=strings.REPORT_COURSE_HELP)
    report.set_defaults(run=_content_report)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
