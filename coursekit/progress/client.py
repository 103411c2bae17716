"""What a volunteer's own server uses to read and write that volunteer's progress.

The hub service ``voortgang`` (:mod:`coursekit.progress.service`) is called on loopback
with the server's own token (``JUPYTERHUB_API_TOKEN``, which the hub grants
``access:services!service=voortgang``); the service takes the volunteer's name from that
token, so nothing here names a user. Synchronous and short (about 3 s at most per call,
8 s for the certificate's): callers in an event loop run it in a thread.

- :class:`ProgressUnavailable`: the service could not be reached, took too long or failed
  (5xx). ``str()`` is one Dutch sentence for the volunteer.
- :class:`ProgressRefused`: the service refused the request (4xx). ``str()`` is the
  service's own Dutch sentence.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from coursekit.progress.model import Event, ModuleProgress
from coursekit.text import learner

__all__ = [
    "CertificateState",
    "ModuleProgress",
    "ProgressClient",
    "ProgressRefused",
    "ProgressUnavailable",
]

TIMEOUT_SECONDS = 3.0
# The certificate's calls read the whole group (the gradebook and the course folder) and
# may make a PDF: a little longer.
CERTIFICATE_TIMEOUT_SECONDS = 8.0
# The service answers in a few hundred bytes; more is not an answer of ours.
MAX_ANSWER_BYTES = 1_000_000
# The certificate's PDF is one page of text (about 5 KB); more is not an answer of ours.
MAX_PDF_BYTES = 2_000_000
#: Where a volunteer stands for the Bewijs van deelname (the service's ``staat``).
CERTIFICATE_STATES = ("geen", "bevestigen", "klaar")


class ProgressUnavailable(Exception):
    """Progress could not be read or saved now (service down, slow or failing)."""

    def __init__(self, message: str = learner.PROGRESS_UNAVAILABLE) -> None:
        super().__init__(message)


class ProgressRefused(Exception):
    """The service refused the request; ``str()`` is its Dutch sentence."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CertificateState:
    """The Bewijs van deelname as the service sees it for this volunteer: ``state`` is
    "geen" (final assessment not passed), "bevestigen" (passed, the trainer has not
    confirmed it yet) or "klaar" (issued: ``code`` and ``issued`` are set)."""

    state: str
    code: str | None = None
    issued: datetime | None = None


class ProgressClient:
    """The service ``voortgang`` as the owner of ``token`` sees it.

    ``url`` is the service's address including its prefix, e.g.
    ``http://127.0.0.1:9997/services/voortgang/``.
    """

    def __init__(self, url: str, token: str, timeout: float = TIMEOUT_SECONDS) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self._token = token
        self.timeout = timeout
        # Loopback only: a proxy from the environment (HTTP_PROXY) must not see the token.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __repr__(self) -> str:  # never the token
        return f"ProgressClient({self.url!r})"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ProgressClient | None:
        """The client for this server, or None when not on the hub.

        Reads ``COURSEKIT_PROGRESS_URL`` (set by coursekit.hub for every user's server) and
        ``JUPYTERHUB_API_TOKEN`` (the server's token).
        """
        env = os.environ if environ is None else environ
        url, token = env.get("COURSEKIT_PROGRESS_URL"), env.get("JUPYTERHUB_API_TOKEN")
        if not url or not token:
            return None
        return cls(url, token)

    def mine(self) -> dict[str, ModuleProgress]:
        """Everything stored about this volunteer, per module id."""
        answer = self._call("GET", "api/mij")
        try:
            return {
                str(module_id): ModuleProgress.from_json(row)
                for module_id, row in answer["modules"].items()
            }
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ProgressUnavailable() from error

    def record(
        self, module_id: str, event: Event, goed: int | None = None, van: int | None = None
    ) -> ModuleProgress:
        """Report that this volunteer opened (``begonnen``) or mastered (``afgerond``, with the
        first-try score) a module; returns what is kept, which the first report decides."""
        body: dict[str, Any] = {"gebeurtenis": event}
        if goed is not None or van is not None:
            body |= {"goed": goed, "van": van}
        answer = self._call("POST", f"api/mij/modules/{quote(module_id, safe='')}", body)
        try:
            return ModuleProgress.from_json(answer["voortgang"])
        except (KeyError, TypeError, ValueError) as error:
            raise ProgressUnavailable() from error

    def forget(self) -> int:
        """Delete everything stored about this volunteer; the number of modules forgotten."""
        answer = self._call("DELETE", "api/mij")
        forgotten = answer.get("vergeten")
        if not isinstance(forgotten, int):
            raise ProgressUnavailable()
        return forgotten

    def certificate(self) -> CertificateState:
        """This volunteer's Bewijs van deelname: issued (with its code) once it is "klaar"."""
        answer = self._call("GET", "api/bewijs", timeout=CERTIFICATE_TIMEOUT_SECONDS)
        state, code, issued = answer.get("staat"), answer.get("code"), answer.get("datum")
        if state not in CERTIFICATE_STATES or (state == "klaar") != isinstance(code, str):
            raise ProgressUnavailable()
        try:
            moment = datetime.fromisoformat(issued) if isinstance(issued, str) else None
        except ValueError as error:
            raise ProgressUnavailable() from error
        return CertificateState(str(state), code, moment)

    def certificate_pdf(self) -> bytes:
        """This volunteer's Bewijs van deelname as PDF bytes; refused (409) when not "klaar"."""
        raw, kind = self._raw(
            "GET",
            "api/bewijs/pdf",
            None,
            "application/pdf",
            MAX_PDF_BYTES,
            timeout=CERTIFICATE_TIMEOUT_SECONDS,
        )
        if kind != "application/pdf" or not raw.startswith(b"%PDF-"):
            raise ProgressUnavailable()
        return raw

    def _call(
        self, method: str, path: str, body: object = None, timeout: float | None = None
    ) -> dict[str, Any]:
        raw, _kind = self._raw(
            method, path, body, "application/json", MAX_ANSWER_BYTES, timeout=timeout
        )
        try:
            answer = json.loads(raw)
        except ValueError as error:
            raise ProgressUnavailable() from error
        if not isinstance(answer, dict):
            raise ProgressUnavailable()
        return answer

    def _raw(
        self,
        method: str,
        path: str,
        body: object,
        accept: str,
        limit: int,
        timeout: float | None = None,
    ) -> tuple[bytes, str]:
        """The answer's bytes (at most ``limit``) and its media type; ``timeout``: longer
        than the client's own for a slow call (never shorter)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"token {self._token}")
        request.add_header("Accept", accept)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            wait = max(self.timeout, timeout or 0.0)
            with self._opener.open(request, timeout=wait) as response:
                raw = response.read(limit + 1)
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            status = error.code
            try:
                raw = error.read(MAX_ANSWER_BYTES)
            except (OSError, http.client.HTTPException):
                raw = b""
            finally:
                error.close()
            if 400 <= status < 500:
                raise ProgressRefused(_sentence(raw), status) from None
            raise ProgressUnavailable() from None
        # refused, reset, timed out, cut short, a bad URL
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise ProgressUnavailable() from error
        if len(raw) > limit:
            raise ProgressUnavailable()
        return raw, kind


def _sentence(raw: bytes) -> str:
    """The service's Dutch sentence from an error answer ``{"fout": ...}``."""
    try:
        sentence = json.loads(raw).get("fout")
    except (ValueError, AttributeError):
        sentence = None
    return sentence if isinstance(sentence, str) and sentence else learner.PROGRESS_REFUSED
