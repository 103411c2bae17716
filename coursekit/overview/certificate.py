"""The Bewijs van deelname (issue 18): the trainer's confirmation, the verification code,
and the record the organisation keeps.

The record is :data:`RECORD`, one JSON line per event in the course folder, beside the
feedback release log (:data:`coursekit.grading.deadlines.RELEASES`): ``bevestigd`` (the
trainer confirmed that a volunteer passed the final assessment: who and when) and
``uitgereikt`` (a certificate was issued: its code, name, id, date, score, trainer). It is
the organisation's: a volunteer who deletes their progress (the table
``coursekit_voortgang``, :func:`coursekit.progress.store.forget`) deletes nothing here, and
the code on a printed certificate can still be looked up. Lines are only appended, under a
lock; nothing is rewritten.

A certificate is issued only when the final assessment is passed (``passed_final`` of the
overview's row, from the gradebook) and a trainer confirmed it: module progress is
self-reported, so it is shown but not trusted. Issuing again gives the same certificate.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coursekit.grading.records import read_records, write_record
from coursekit.overview.state import VolunteerRow
from coursekit.progress.model import as_utc
from coursekit.text import trainer

__all__ = [
    "ALPHABET",
    "RECORD",
    "Certificate",
    "CertificateRefused",
    "Confirmation",
    "confirm",
    "confirmation",
    "confirmed_students",
    "issue",
    "lookup",
    "new_code",
    "normal_code",
]

#: The organisation's record of confirmations and certificates, in the course folder.
RECORD = "bewijzen_van_deelname.jsonl"
#: Letters and digits without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
#: Characters per group of a code: "K7QM-3XPA-9D" (10 characters, about 45 bits).
GROUPS = (4, 4, 2)
_CODE = re.compile(
    "^" + "-".join(f"[{ALPHABET}]{{{n}}}" for n in GROUPS) + "$",
)


class CertificateRefused(Exception):
    """A certificate or confirmation that cannot be given; the message is one Dutch sentence."""


@dataclass(frozen=True)
class Confirmation:
    """A trainer's confirmation that a volunteer passed the final assessment."""

    student_id: str
    trainer: str
    confirmed: datetime


@dataclass(frozen=True)
class Certificate:
    """One issued certificate, as the record keeps it and the PDF prints it."""

    code: str
    student_id: str
    #: The name as the trainer registered it in the gradebook when it was issued.
    name: str
    issued: datetime
    #: Points of the volunteer's exercises graded completely when it was issued.
    score: float
    max_score: float
    #: Who issued it (the trainer's user name), and who confirmed and when.
    trainer: str
    confirmed_by: str
    confirmed: datetime


def new_code() -> str:
    """A verification code that cannot be guessed, grouped for reading: ``K7QM-3XPA-9D``."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(sum(GROUPS)))
    parts, start = [], 0
    for size in GROUPS:
        parts.append(chars[start : start + size])
        start += size
    return "-".join(parts)


def normal_code(text: str) -> str | None:
    """A code as typed (any case, with or without dashes and spaces) in its grouped form,
    or None when it cannot be a code."""
    chars = re.sub(r"[\s\-]", "", text).upper()
    if len(chars) != sum(GROUPS):
        return None
    parts, start = [], 0
    for size in GROUPS:
        parts.append(chars[start : start + size])
        start += size
    code = "-".join(parts)
    return code if _CODE.match(code) else None


def _entries(course_dir: Path) -> list[dict[str, Any]]:
    """Every event in the record; a line that is not one is skipped."""
    return [
        entry
        for entry in read_records(course_dir / RECORD)
        if entry.get("soort") in ("bevestigd", "uitgereikt")
    ]


class _Locked:
    """The record opened for appending, under an exclusive lock (trainers may overlap)."""

    def __init__(self, course_dir: Path) -> None:
        self._path = course_dir / RECORD

    def __enter__(self) -> Any:
        fd = os.open(self._path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        self._handle = os.fdopen(fd, "a+", encoding="utf-8")
        fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self._handle

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _certificate(entry: dict[str, Any]) -> Certificate | None:
    try:
        return Certificate(
            code=str(entry["code"]),
            student_id=str(entry["student_id"]),
            name=str(entry["name"]),
            issued=as_utc(datetime.fromisoformat(entry["issued"])),
            score=float(entry["score"]),
            max_score=float(entry["max_score"]),
            trainer=str(entry["trainer"]),
            confirmed_by=str(entry["confirmed_by"]),
            confirmed=as_utc(datetime.fromisoformat(entry["confirmed"])),
        )
    except (KeyError, TypeError, ValueError):
        return None


def confirmation(course_dir: Path, student_id: str) -> Confirmation | None:
    """The first confirmation for this volunteer, or None."""
    for entry in _entries(course_dir):
        if entry["soort"] == "bevestigd" and entry.get("student_id") == student_id:
            try:
                moment = as_utc(datetime.fromisoformat(entry["confirmed"]))
            except (KeyError, TypeError, ValueError):
                continue
            return Confirmation(student_id, str(entry.get("trainer", "")), moment)
    return None


def confirmed_students(course_dir: Path) -> frozenset[str]:
    """Every volunteer with a confirmation (one read of the record for the whole group)."""
    return frozenset(
        str(entry["student_id"])
        for entry in _entries(course_dir)
        if entry["soort"] == "bevestigd" and isinstance(entry.get("student_id"), str)
    )


def issued(course_dir: Path, student_id: str) -> Certificate | None:
    """The certificate issued to this volunteer, or None."""
    for entry in _entries(course_dir):
        if entry["soort"] == "uitgereikt" and entry.get("student_id") == student_id:
            found = _certificate(entry)
            if found is not None:
                return found
    return None


def confirm(course_dir: Path, student_id: str, trainer_name: str, now: datetime) -> Confirmation:
    """Write down that ``trainer_name`` confirmed ``student_id`` passed the final assessment.

    The caller checks ``passed_final`` (it has the row). Confirming again keeps the first.
    """
    with _Locked(course_dir) as handle:
        first = confirmation(course_dir, student_id)
        if first is not None:
            return first
        moment = as_utc(now)
        write_record(
            handle,
            {
                "soort": "bevestigd",
                "student_id": student_id,
                "trainer": trainer_name,
                "confirmed": moment.isoformat(),
            },
        )
        return Confirmation(student_id, trainer_name, moment)


def issue(course_dir: Path, row: VolunteerRow, trainer_name: str, now: datetime) -> Certificate:
    """The volunteer's certificate, issued now or earlier (the same code every time).

    Refused (:class:`CertificateRefused`, one Dutch sentence) unless the final assessment
    is passed and a trainer confirmed it.
    """
    if not row.passed_final:
        raise CertificateRefused(trainer.CERT_NOT_PASSED.format(name=row.name))
    with _Locked(course_dir) as handle:
        earlier = issued(course_dir, row.student_id)
        if earlier is not None:
            return earlier
        confirmed = confirmation(course_dir, row.student_id)
        if confirmed is None:
            raise CertificateRefused(
                trainer.CERT_NOT_CONFIRMED.format(name=row.name, student=row.student_id)
            )
        taken = {e.get("code") for e in _entries(course_dir)}
        code = new_code()
        while code in taken:
            code = new_code()
        certificate = Certificate(
            code=code,
            student_id=row.student_id,
            name=row.name,
            issued=as_utc(now),
            score=row.score,
            max_score=row.max_score,
            trainer=trainer_name,
            confirmed_by=confirmed.trainer,
            confirmed=confirmed.confirmed,
        )
        entry = {"soort": "uitgereikt", **asdict(certificate)}
        entry["issued"] = certificate.issued.isoformat()
        entry["confirmed"] = certificate.confirmed.isoformat()
        write_record(handle, entry)
        return certificate


def lookup(course_dir: Path, code: str) -> Certificate | None:
    """The certificate with this code (as typed: case and dashes do not matter), or None."""
    wanted = normal_code(code)
    if wanted is None:
        return None
    for entry in _entries(course_dir):
        if entry["soort"] == "uitgereikt" and entry.get("code") == wanted:
            return _certificate(entry)
    return None
