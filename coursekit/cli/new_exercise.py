"""``coursekit new-exercise DRAFT.yaml``: a graded exercise's source notebook and questions
file in ``solutions/``, from a trainer's draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer


def command(args: argparse.Namespace) -> int:
    from coursekit.exercise.authoring import load_draft, write_exercise

    try:
        draft = load_draft(args.draft)
        path = write_exercise(draft, Path.cwd() / "solutions", force=args.force)
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(trainer.CLI_EXERCISE_WRITTEN.format(path=path, exercise=draft.exercise))
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("new-exercise", help=trainer.CLI_NEW_EXERCISE_HELP)
    parser.add_argument("draft", type=Path, help=trainer.CLI_DRAFT_HELP)
    parser.add_argument("--force", action="store_true", help=trainer.CLI_FORCE_HELP)
    parser.set_defaults(run=command)
