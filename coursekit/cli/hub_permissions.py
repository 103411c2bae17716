"""``coursekit hub-permissions``: set and check who may read what on the hub (run as root)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer

_DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coursekit hub-permissions [--controleer] [--cursusmap DIR] [--uitwisselmap DIR] ...``."""
    parser = commands.add_parser(
        "hub-permissions",
        help=trainer.HUB_PERMISSIONS_HELP,
        description=trainer.HUB_PERMISSIONS_HELP,
    )
    env = os.environ.get
    parser.add_argument(
        "--controleer", action="store_true", help=trainer.HUB_PERMISSIONS_CHECK_HELP
    )
    parser.add_argument(
        "--cursusmap",
        type=Path,
        default=Path(env("COURSEKIT_COURSE_DIR", _DEPLOY.parent.parent)),
        help=trainer.HUB_PERMISSIONS_COURSE_HELP,
    )
    parser.add_argument(
        "--uitwisselmap",
        type=Path,
        default=Path(env("COURSEKIT_EXCHANGE", "/srv/nbgrader/exchange")),
        help=trainer.HUB_PERMISSIONS_EXCHANGE_HELP,
    )
    parser.add_argument(
        "--eigenaar", default=env("COURSEKIT_SERVICE_USER"), help=trainer.HUB_PERMISSIONS_OWNER_HELP
    )
    parser.add_argument(
        "--gebruikers",
        type=Path,
        default=Path(env("COURSEKIT_HUB_USERS", _DEPLOY / "users.yaml")),
        help=trainer.HUB_PERMISSIONS_USERS_HELP,
    )
    parser.set_defaults(run=command)


def command(args: argparse.Namespace) -> int:
    """Set (unless ``--controleer``), then check; 1 with the Dutch problems while any remain."""
    from coursekit.hub import COURSE_ID, load_users
    from coursekit.hub_permissions import HubLayout, apply, problems

    if not args.eigenaar:
        print(trainer.HUB_NO_OWNER, file=sys.stderr)
        return 1
    try:
        users = load_users(args.gebruikers)
        layout = HubLayout(
            course_dir=args.cursusmap.resolve(),
            exchange=args.uitwisselmap.resolve(),
            course_id=COURSE_ID,
            owner=args.eigenaar,
            users=(*users.trainers, *users.volunteers),
            gradebook_url=os.environ.get("COURSEKIT_GRADEBOOK_URL"),
        )
        if not args.controleer:
            for line in apply(layout):
                print(line)
        found = problems(layout)
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(trainer.HUB_HOW_TO_FIX, file=sys.stderr)
        return 1
    print(trainer.HUB_ALL_GOOD)
    return 0
