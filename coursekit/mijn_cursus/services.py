"""Progress, as Mijn cursus uses it: the hub service ``voortgang`` through its client.

A server without the service (``make serve``, a test) has no client: every call then
raises :class:`ProgressDown`, as when the service is down, and the pages say in one
sentence that progress cannot be shown now. Every call blocks: run it in a thread.
"""

from __future__ import annotations

from coursekit.progress.client import (
    CertificateState,
    ProgressClient,
    ProgressRefused,
    ProgressUnavailable,
)
from coursekit.progress.model import Event, ModuleProgress


class ProgressDown(Exception):
    """The progress service cannot be reached or refused; the page says so in one sentence.

    ``refused`` is the service's status when it refused (4xx, with its own sentence as the
    message), else None.
    """

    def __init__(self, message: str = "", refused: int | None = None) -> None:
        super().__init__(message)
        self.refused = refused


def _client() -> ProgressClient:
    client = ProgressClient.from_environment()
    if client is None:
        raise ProgressDown()
    return client


def my_progress() -> dict[str, ModuleProgress]:
    """Every module this volunteer started, by module id."""
    try:
        return _client().mine()
    except (ProgressUnavailable, ProgressRefused) as failed:
        raise ProgressDown(str(failed)) from failed


def record_progress(module_id: str, event: Event, goed: int | None, van: int | None) -> None:
    try:
        _client().record(module_id, event, goed=goed, van=van)
    except (ProgressUnavailable, ProgressRefused) as failed:
        raise ProgressDown(str(failed)) from failed


def forget_progress() -> int:
    try:
        return _client().forget()
    except (ProgressUnavailable, ProgressRefused) as failed:
        raise ProgressDown(str(failed)) from failed


def my_certificate() -> CertificateState:
    """This volunteer's Bewijs van deelname: "geen", "bevestigen" or "klaar" with its code."""
    try:
        return _client().certificate()
    except (ProgressUnavailable, ProgressRefused) as failed:
        raise ProgressDown(str(failed)) from failed


def my_certificate_pdf() -> bytes:
    """This volunteer's Bewijs van deelname as a PDF; ProgressDown when it is not ready
    (``refused`` 409) or the service cannot make it now."""
    try:
        return _client().certificate_pdf()
    except ProgressRefused as refused:
        raise ProgressDown(str(refused), refused.status) from refused
    except ProgressUnavailable as failed:
        raise ProgressDown(str(failed)) from failed
