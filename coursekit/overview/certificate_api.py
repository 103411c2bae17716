"""The Bewijs van deelname in the progress service ``voortgang``, for Mijn cursus (issue 18).

A volunteer's own server cannot read the course folder or the gradebook; the service runs
as the course account in the course folder, with the gradebook's URL, and knows the caller
from the hub token. Two calls, only ever about the caller:

- ``GET api/bewijs``: ``{"staat": "geen"}`` (the final assessment is not passed, or the
  caller is not in the gradebook), ``{"staat": "bevestigen"}`` (passed; a trainer has not
  confirmed it yet) or ``{"staat": "klaar", "code": ..., "datum": ...}`` (passed and
  confirmed: the certificate is issued now or was before, the same code every time);
- ``GET api/bewijs/pdf``: that certificate as a PDF (``attachment;
  filename="bewijs-van-deelname.pdf"``), or 409 with one Dutch sentence when not "klaar".

The state is the overview's (:func:`coursekit.overview.group.read_group`: the final
assessment from the gradebook, never the self-reported module progress) and the
certificate :func:`coursekit.overview.certificate.issue`'s, issued on the word of the
trainer who confirmed it ("uitgereikt door" on the PDF). It is kept in the organisation's
record, which deleting one's progress (``DELETE api/mij``) does not touch. No call names a
volunteer; a trainer's token gets the trainer's own state (none): trainers see everyone's
in the Groepsoverzicht.

Reading the group reads the gradebook and the course folder: it runs in a thread, at most
:data:`READS_AT_ONCE` at once with :data:`READS_WAITING` waiting (503 beyond), and each
caller may ask :data:`CALLS_PER_MINUTE` times a minute (429 beyond), so a flood reads
nothing.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError

from coursekit.content.errors import CourseDataError
from coursekit.overview.certificate import Certificate, CertificateRefused, confirmation, issue
from coursekit.progress.service import ApiHandler, Refusal
from coursekit.text import learner

__all__ = [
    "CALLS_PER_MINUTE",
    "READS_AT_ONCE",
    "READS_WAITING",
    "Standing",
    "certificate_routes",
    "standing",
]

log = logging.getLogger("coursekit.progress")
T = TypeVar("T")

#: Calls a minute per caller; a page view of Mijn cursus is one.
CALLS_PER_MINUTE = 20
#: Reads of the group at once, and how many may wait for one; more is refused at once.
READS_AT_ONCE = 2
READS_WAITING = 8
#: Callers remembered for the per-minute count before the quiet ones are dropped.
_MAX_CALLERS = 10_000


@dataclass(frozen=True)
class Standing:
    """Where a volunteer stands: "geen", "bevestigen" or "klaar" (with the certificate and
    the organisation's name, for the PDF)."""

    state: str
    certificate: Certificate | None = None
    organisation: str = ""


def standing(course_dir: Path, student_id: str, now: datetime) -> Standing:
    """Read the group, and issue the certificate (once) when it is passed and confirmed.

    Blocks (the gradebook, the course folder, the record's lock): run it in a thread.
    Raises CourseDataError (one Dutch sentence) when the course cannot be read.
    """
    from coursekit.overview.group import read_group

    group = read_group(course_dir, now)
    row = group.row(student_id)
    if row is None or not row.passed_final:
        return Standing("geen")
    confirmed = confirmation(course_dir, student_id)
    if confirmed is None:
        return Standing("bevestigen")
    try:
        made = issue(course_dir, row, confirmed.trainer, now)
    except CertificateRefused:  # cannot after the checks above; never a 500 for it
        return Standing("bevestigen")
    return Standing("klaar", made, group.settings.organisation)


def certificate_pdf(found: Standing) -> bytes:
    """The PDF of a "klaar" standing (blocks: run it in a thread)."""
    from coursekit.content.course import course
    from coursekit.overview.certificate_pdf import certificate_pdf as make_pdf

    if found.certificate is None:
        raise ValueError("no certificate to print")
    return make_pdf(found.certificate, course(), found.organisation)


class _Gate:
    """The caps: calls per caller per minute, and reads of the group at once."""

    def __init__(self) -> None:
        self._calls: dict[str, collections.deque[float]] = {}
        self._reads: asyncio.Semaphore | None = None  # made in the service's event loop
        self._busy = 0

    def count(self, user: str, now: float) -> None:
        """Count a call by ``user``; 429 when it is one too many this minute."""
        calls = self._calls.setdefault(user, collections.deque())
        while calls and calls[0] <= now - 60:
            calls.popleft()
        if len(calls) >= CALLS_PER_MINUTE:
            raise Refusal(429, learner.PROGRESS_CERT_TOO_MANY)
        calls.append(now)
        if len(self._calls) > _MAX_CALLERS:  # never a table that grows without end
            self._calls = {u: c for u, c in self._calls.items() if c and c[-1] > now - 60}

    async def read(self, action: Callable[..., T], *args: Any) -> T:
        """``action`` in a thread, at most READS_AT_ONCE at once; 503 when too many wait."""
        if self._busy >= READS_AT_ONCE + READS_WAITING:
            raise Refusal(503, learner.PROGRESS_CERT_BUSY)
        if self._reads is None:
            self._reads = asyncio.Semaphore(READS_AT_ONCE)
        self._busy += 1
        try:
            async with self._reads:
                return await asyncio.to_thread(action, *args)
        finally:
            self._busy -= 1


class _CertificateHandler(ApiHandler):
    def initialize(  # type: ignore[override]
        self, course_dir: Path, gate: _Gate, **settings: Any
    ) -> None:
        super().initialize(**settings)
        self.course_dir = course_dir
        self.gate = gate

    async def standing(self) -> Standing:
        self.gate.count(self.user_name, time.monotonic())
        try:
            return await self.gate.read(
                standing, self.course_dir, self.user_name, datetime.now(UTC)
            )
        except (CourseDataError, OSError, OperationalError) as error:
            log.warning("voortgang: the certificate cannot be read: %s", error)
            raise Refusal(503, learner.PROGRESS_CERT_UNAVAILABLE) from None


class CertificateHandler(_CertificateHandler):
    """``api/bewijs``: where the caller stands, with the code once it is issued."""

    async def get(self) -> None:
        found = await self.standing()
        body: dict[str, Any] = {"staat": found.state}
        if found.certificate is not None:
            body["code"] = found.certificate.code
            body["datum"] = found.certificate.issued.isoformat()
        self.answer(body)


class CertificatePdfHandler(_CertificateHandler):
    """``api/bewijs/pdf``: the caller's certificate as a PDF, when it is "klaar"."""

    async def get(self) -> None:
        found = await self.standing()
        if found.certificate is None:
            raise Refusal(409, learner.PROGRESS_CERT_NOT_READY)
        data = await asyncio.to_thread(certificate_pdf, found)
        self.set_header("Content-Type", "application/pdf")
        self.set_header("Content-Disposition", 'attachment; filename="bewijs-van-deelname.pdf"')
        self.finish(data)


def _warm_up(course_dir: Path) -> None:
    """Read the course once, for no one: the first read loads nbgrader, nbconvert (through
    nbgrader_config.py) and reportlab, about 2 s, which the first volunteer would wait for
    (and a client with a short timeout give up on)."""
    try:
        standing(course_dir, "", datetime.now(UTC))
        import coursekit.overview.certificate_pdf  # noqa: F401  (reportlab)
    except Exception as error:  # the course may not be readable yet; a call will say so
        log.info("voortgang: the certificate's first read failed: %s", error)


def certificate_routes(
    course_dir: Path,
) -> Callable[[str, dict[str, Any]], Sequence[tuple[str, type, dict[str, Any]]]]:
    """The two calls for :func:`coursekit.progress.service.make_app`'s ``more``, reading
    the course in ``course_dir`` (read once in the background at once)."""
    threading.Thread(target=_warm_up, args=(course_dir,), daemon=True).start()

    def routes(prefix: str, settings: dict[str, Any]) -> list[tuple[str, type, dict[str, Any]]]:
        mine = {**settings, "course_dir": course_dir, "gate": _Gate()}
        return [
            (rf"{prefix}api/bewijs", CertificateHandler, mine),
            (rf"{prefix}api/bewijs/pdf", CertificatePdfHandler, mine),
        ]

    return routes
