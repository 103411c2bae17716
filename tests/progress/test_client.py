"""The client a volunteer's server uses, when the service is down, slow, failing or refusing.

The service itself is tested through a real hub (tests/hub/test_progress.py); here a plain
HTTP server on loopback answers as the service would when things go wrong.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coursekit.progress.client import ProgressClient, ProgressRefused, ProgressUnavailable
from coursekit.text import learner
from tests.support.servers import free_port


class _Answers(BaseHTTPRequestHandler):
    """Answers every request with the status and body the test put on the server."""

    def _answer(self) -> None:
        status, body = self.server.answer  # type: ignore[attr-defined]
        self.server.seen.append(  # type: ignore[attr-defined]
            (self.command, self.path, self.headers.get("Authorization"))
        )
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    made = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    made.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=made.serve_forever, daemon=True)
    thread.start()
    try:
        yield made
    finally:
        made.shutdown()
        made.server_close()


def _client(server: ThreadingHTTPServer, status: int, body: object) -> ProgressClient:
    server.answer = (status, json.dumps(body).encode())  # type: ignore[attr-defined]
    port = server.server_address[1]
    return ProgressClient(f"http://127.0.0.1:{port}/services/voortgang", "geheim")


def test_a_closed_port_means_progress_is_unavailable_in_one_dutch_sentence() -> None:
    client = ProgressClient(f"http://127.0.0.1:{free_port()}/services/voortgang/", "geheim")
    for call in (client.mine, client.forget, lambda: client.record("welkom", "begonnen")):
        with pytest.raises(ProgressUnavailable) as failed:
            call()
        assert str(failed.value) == learner.PROGRESS_UNAVAILABLE


def test_a_service_that_does_not_answer_is_given_up_on_after_the_timeout() -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        client = ProgressClient(f"http://127.0.0.1:{port}/", "geheim", timeout=0.5)
        with pytest.raises(ProgressUnavailable, match="niet worden opgehaald of bewaard"):
            client.mine()


def test_a_failing_service_is_unavailable_and_a_refusal_carries_its_sentence(
    server: ThreadingHTTPServer,
) -> None:
    with pytest.raises(ProgressUnavailable):
        _client(server, 500, {"fout": learner.PROGRESS_FAILED}).mine()
    with pytest.raises(ProgressUnavailable):
        _client(server, 200, ["geen", "object"]).mine()
    with pytest.raises(ProgressUnavailable):
        _client(server, 200, {"modules": {"welkom": {"goed": "zeven"}}}).mine()
    refusal = learner.PROGRESS_TRAINERS_ONLY
    with pytest.raises(ProgressRefused, match=refusal) as refused:
        _client(server, 403, {"fout": refusal}).mine()
    assert refused.value.status == 403
    with pytest.raises(ProgressRefused, match=learner.PROGRESS_REFUSED):
        _client(server, 400, "geen zin").forget()


def test_the_client_sends_its_token_and_reads_the_answers(server: ThreadingHTTPServer) -> None:
    row = {"begonnen": "2026-12-01T09:00:00+00:00", "afgerond": None, "goed": None, "van": None}
    kept = _client(server, 200, {"module": "welkom", "voortgang": row}).record("welkom", "begonnen")
    assert kept.begonnen is not None and kept.begonnen.isoformat() == row["begonnen"]
    assert _client(server, 200, {"modules": {"welkom": row}}).mine() == {"welkom": kept}
    assert _client(server, 200, {"vergeten": 1}).forget() == 1
    assert server.seen == [  # type: ignore[attr-defined]
        ("POST", "/services/voortgang/api/mij/modules/welkom", "token geheim"),
        ("GET", "/services/voortgang/api/mij", "token geheim"),
        ("DELETE", "/services/voortgang/api/mij", "token geheim"),
    ]


def test_the_client_exists_only_on_the_hub() -> None:
    assert ProgressClient.from_environment({}) is None
    assert ProgressClient.from_environment({"COURSEKIT_PROGRESS_URL": "http://x/"}) is None
    found = ProgressClient.from_environment(
        {
            "COURSEKIT_PROGRESS_URL": "http://127.0.0.1:9997/services/voortgang/",
            "JUPYTERHUB_API_TOKEN": "geheim",
        }
    )
    assert found is not None and found.url == "http://127.0.0.1:9997/services/voortgang/"
    assert "geheim" not in repr(found)


def test_a_certificate_answer_that_is_not_one_is_unavailable(server: ThreadingHTTPServer) -> None:
    for body in (
        {"staat": "misschien"},
        {"staat": "klaar"},  # ready without a code
        {"staat": "geen", "code": "K7QM-3XPA-9D"},  # a code without being ready
        {"staat": "klaar", "code": "K7QM-3XPA-9D", "datum": "gisteren"},
    ):
        with pytest.raises(ProgressUnavailable):
            _client(server, 200, body).certificate()
    # A PDF call answered with JSON (or anything not a PDF) is no certificate.
    with pytest.raises(ProgressUnavailable):
        _client(server, 200, {"staat": "klaar"}).certificate_pdf()
    with pytest.raises(ProgressRefused, match=learner.PROGRESS_CERT_NOT_READY) as refused:
        _client(server, 409, {"fout": learner.PROGRESS_CERT_NOT_READY}).certificate_pdf()
    assert refused.value.status == 409
    ready = _client(server, 200, {"staat": "klaar", "code": "K7QM-3XPA-9D", "datum": None})
    assert ready.certificate().code == "K7QM-3XPA-9D"
