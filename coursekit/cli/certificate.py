"""``coursekit bewijs``: the Bewijs van deelname from the trainer's terminal.

``bevestig STUDENT`` confirms that a volunteer passed the final assessment (the trainer's
user name and the time are written to the record), ``maak STUDENT [--uit FILE.pdf]``
issues the certificate and writes its PDF, ``zoek CODE`` looks a verification code up.
Bad input: one Dutch sentence, status 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coursekit.content.errors import CourseDataError
from coursekit.text import trainer

#: Bad input (no course folder, unknown volunteer, refused, not a code): status 2.
BAD_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coursekit bewijs {bevestig,maak,zoek} ... [--course DIR]``."""
    parser = commands.add_parser(
        "bewijs", help=trainer.CERT_CLI_HELP, description=trainer.CERT_CLI_HELP
    )
    actions = parser.add_subparsers(dest="action", required=True)
    confirm = actions.add_parser(
        "bevestig", help=trainer.CERT_CLI_CONFIRM_HELP, description=trainer.CERT_CLI_CONFIRM_HELP
    )
    confirm.add_argument("student", help=trainer.CERT_CLI_STUDENT_HELP)
    confirm.set_defaults(run=command_confirm)
    make = actions.add_parser(
        "maak", help=trainer.CERT_CLI_MAKE_HELP, description=trainer.CERT_CLI_MAKE_HELP
    )
    make.add_argument("student", help=trainer.CERT_CLI_STUDENT_HELP)
    make.add_argument("--uit", type=Path, default=None, help=trainer.CERT_CLI_OUT_HELP)
    make.set_defaults(run=command_make)
    find = actions.add_parser(
        "zoek", help=trainer.CERT_CLI_FIND_HELP, description=trainer.CERT_CLI_FIND_HELP
    )
    find.add_argument("code", help=trainer.CERT_CLI_CODE_HELP)
    find.set_defaults(run=command_find)
    for sub in (confirm, make, find):
        sub.add_argument("--course", type=Path, default=None, help=trainer.OV_CLI_COURSE_HELP)


def _row(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """The course's folders, settings and the volunteer's row; CourseDataError if unknown."""
    from coursekit.overview.group import read_group

    group = read_group((args.course or Path.cwd()).resolve(), datetime.now(UTC))
    row = group.row(args.student)
    if row is not None:
        return group.folders, group.settings, row
    raise CourseDataError(trainer.CERT_UNKNOWN_STUDENT.format(student=args.student))


def command_confirm(args: argparse.Namespace) -> int:
    """Confirm a volunteer who passed the final assessment."""
    from coursekit.overview.certificate import confirm
    from coursekit.overview.certificate_pdf import dutch_date

    try:
        folders, _, row = _row(args)
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    if not row.passed_final:
        print(trainer.CERT_NOT_PASSED.format(name=row.name), file=sys.stderr)
        return BAD_INPUT
    done = confirm(folders.root, row.student_id, getpass.getuser(), datetime.now(UTC))
    date = dutch_date(done.confirmed)
    print(
        trainer.CERT_CONFIRMED.format(
            name=row.name, student=row.student_id, by=done.trainer, date=date
        )
    )
    return 0


def command_make(args: argparse.Namespace) -> int:
    """Issue the certificate (or find the one issued) and write its PDF."""
    from coursekit.content.course import course
    from coursekit.overview.certificate import CertificateRefused, issue
    from coursekit.overview.certificate_pdf import certificate_pdf

    try:
        folders, settings, row = _row(args)
        certificate = issue(folders.root, row, getpass.getuser(), datetime.now(UTC))
    except (CourseDataError, CertificateRefused) as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    path = args.uit or Path(f"bewijs-{row.student_id}.pdf")
    try:
        path.write_bytes(certificate_pdf(certificate, course(), settings.organisation))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print(trainer.CERT_WRITE_FAILED.format(path=path, reason=reason), file=sys.stderr)
        return BAD_INPUT
    print(trainer.CERT_WRITTEN.format(name=certificate.name, path=path, code=certificate.code))
    return 0


def command_find(args: argparse.Namespace) -> int:
    """Look a verification code up in the record."""
    from coursekit.grading.config import course_folders, load_config
    from coursekit.overview.certificate import lookup, normal_code
    from coursekit.overview.certificate_pdf import dutch_date

    if normal_code(args.code) is None:
        print(trainer.CERT_BAD_CODE.format(code=args.code), file=sys.stderr)
        return BAD_INPUT
    try:
        folders = course_folders(
            load_config((args.course or Path.cwd()).resolve(), missing=trainer.OV_NO_CONFIG)
        )
    except CourseDataError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    found = lookup(folders.root, args.code)
    if found is None:
        print(trainer.CERT_NOT_FOUND.format(code=normal_code(args.code)), file=sys.stderr)
        return BAD_INPUT
    print(
        trainer.CERT_FOUND.format(
            code=found.code,
            name=found.name,
            student=found.student_id,
            date=dutch_date(found.issued),
            trainer=found.trainer,
            score=f"{found.score:g}".replace(".", ","),
            max_score=f"{found.max_score:g}".replace(".", ","),
            confirmed_by=found.confirmed_by,
            confirmed=dutch_date(found.confirmed),
        )
    )
    return 0
