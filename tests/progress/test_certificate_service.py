"""The Bewijs van deelname in the real progress service (``python -m coursekit.hub_progress``
in a course folder with a real SQLite gradebook; tests/support/progress_service.py):
anna passed the final assessment, bram did not, t is a trainer.

One service for the module; the tests run in order, as a volunteer's course goes: not
passed, passed and waiting for the trainer, confirmed and issued, then progress deleted.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coursekit.content.course import course
from coursekit.overview.certificate import RECORD, confirm, lookup
from coursekit.overview.certificate_api import CALLS_PER_MINUTE
from coursekit.text import learner
from tests.support.progress_service import (
    ORGANISATION,
    TRAINERS,
    ProgressService,
    certificate_course,
    progress_service,
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProgressService]:
    course = certificate_course(tmp_path_factory.mktemp("bewijs") / "cursus")
    people = {"anna": [], "bram": [], "t": [TRAINERS], "zoe": []}
    with progress_service(course, people) as running:
        yield running


def _refused(answer: object, status: int, sentence: str) -> None:
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    assert answer.json() == {"fout": sentence}  # type: ignore[attr-defined]


def _issued(course: Path) -> list[dict[str, object]]:
    lines = (course / RECORD).read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["soort"] == "uitgereikt"]


def test_before_the_trainer_confirms_there_is_a_state_and_no_certificate(
    service: ProgressService,
) -> None:
    bram = service.call("bram", "GET", "api/bewijs")
    assert bram.status_code == 200 and bram.json() == {"staat": "geen"}
    assert bram.headers["Cache-Control"] == "no-store"
    anna = service.call("anna", "GET", "api/bewijs")
    assert anna.json() == {"staat": "bevestigen"}
    for who in ("anna", "bram"):
        _refused(service.call(who, "GET", "api/bewijs/pdf"), 409, learner.PROGRESS_CERT_NOT_READY)
    assert not (service.course / RECORD).exists()
    _refused(service.call(None, "GET", "api/bewijs"), 403, learner.PROGRESS_NOT_LOGGED_IN)


def test_once_confirmed_the_certificate_is_issued_once_with_the_same_code(
    service: ProgressService, tmp_path: Path
) -> None:
    confirm(service.course, "anna", "t", datetime.now(UTC))
    # Two at once and one after: one certificate in the record, one code.
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: service.call("anna", "GET", "api/bewijs"), range(2)))
    answers.append(service.call("anna", "GET", "api/bewijs"))
    bodies = [a.json() for a in answers]
    assert {b["staat"] for b in bodies} == {"klaar"}
    assert len({b["code"] for b in bodies}) == 1
    code = bodies[0]["code"]
    assert [e["code"] for e in _issued(service.course)] == [code]
    found = lookup(service.course, code)
    assert found is not None and (found.student_id, found.name) == ("anna", "Anna de Vries")
    assert found.trainer == "t"  # issued on the confirming trainer's word

    pdf = service.call("anna", "GET", "api/bewijs/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="bewijs-van-deelname.pdf"'
    assert pdf.headers["Cache-Control"] == "no-store"
    (tmp_path / "bewijs.pdf").write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "bewijs.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for expected in ("Anna de Vries", code, ORGANISATION, "Bewijs van deelname"):
        assert expected in text
    # Still one certificate after the PDF.
    assert len(_issued(service.course)) == 1


def test_nobody_gets_another_volunteers_certificate(service: ProgressService) -> None:
    # A trainer's token gives the trainer's own (none): trainers use the Groepsoverzicht.
    assert service.call("t", "GET", "api/bewijs").json() == {"staat": "geen"}
    _refused(service.call("t", "GET", "api/bewijs/pdf"), 409, learner.PROGRESS_CERT_NOT_READY)
    # No call names a volunteer: a name in the query is ignored, in the path unknown.
    assert service.call("bram", "GET", "api/bewijs?student=anna").json() == {"staat": "geen"}
    _refused(service.call("bram", "GET", "api/bewijs/anna"), 404, learner.PROGRESS_NOT_FOUND)
    # Someone not in the gradebook has none either.
    assert service.call("zoe", "GET", "api/bewijs").json() == {"staat": "geen"}


def test_the_certificate_stays_when_the_volunteer_deletes_her_progress(
    service: ProgressService,
) -> None:
    before = service.call("anna", "GET", "api/bewijs").json()
    module_id = course().modules[0].id
    opened = service.call("anna", "POST", f"api/mij/modules/{module_id}", begonnen=True)
    assert opened.status_code == 200, opened.text
    forgotten = service.call("anna", "DELETE", "api/mij")
    assert forgotten.json() == {"vergeten": 1}
    assert service.call("anna", "GET", "api/bewijs").json() == before
    assert len(_issued(service.course)) == 1


def test_a_flood_is_refused_per_caller_without_stopping_the_others(
    service: ProgressService,
) -> None:
    answers = [service.call("bram", "GET", "api/bewijs") for _ in range(CALLS_PER_MINUTE + 2)]
    statuses = [a.status_code for a in answers]
    assert statuses.count(429) >= 2 and set(statuses) <= {200, 429}
    _refused(answers[-1], 429, learner.PROGRESS_CERT_TOO_MANY)
    assert service.call("zoe", "GET", "api/bewijs").status_code == 200
    assert service.call("bram", "GET", "api/mij").status_code == 200  # progress still works
