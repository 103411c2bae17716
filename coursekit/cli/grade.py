"""``coursekit grade ASSIGNMENT``: autograde every collected submission, in parallel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.text import trainer


def command(args: argparse.Namespace) -> int:
    from coursekit.grading.grade import default_workers, run

    workers = args.workers or default_workers()
    return run(
        Path.cwd(),
        args.assignment,
        workers,
        args.timeout,
        sys.stdout,
        force=args.force,
        sandbox=not args.no_sandbox,
    )


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("grade", help=trainer.CLI_GRADE_HELP)
    parser.add_argument("assignment", help=trainer.CLI_ASSIGNMENT_HELP)
    parser.add_argument("--workers", type=int, default=None, help=trainer.CLI_WORKERS_HELP)
    parser.add_argument("--timeout", type=int, default=None, help=trainer.CLI_TIMEOUT_HELP)
    parser.add_argument("--force", action="store_true", help=trainer.CLI_GRADE_FORCE_HELP)
    parser.add_argument(
        "--geen-sandbox", dest="no_sandbox", action="store_true", help=trainer.CLI_NO_SANDBOX_HELP
    )
    parser.set_defaults(run=command)
