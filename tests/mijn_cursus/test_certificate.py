"""The Bewijs van deelname in Mijn cursus, in Chromium: a real ``jupyter server`` with Mijn
cursus (conftest.py) that calls a real progress service (tests/support/progress_service.py)
in a course folder with a real SQLite gradebook, as anna's own server on the hub would.

One walk through anna's course: not passed, passed and waiting for the trainer, confirmed
(the card offers the PDF and shows the code; the download is the certificate), then her
progress deleted (the certificate stays). Screenshots of the card at 375 px go to
test-artifacts/ (looked at by a person, not compared).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from playwright.sync_api import Browser, Page, expect

from coursekit.overview.certificate import confirm, lookup
from coursekit.text import learner
from tests.mijn_cursus.conftest import TOKEN, running_server
from tests.mijn_cursus.test_browser import ARTIFACTS, phone_fit
from tests.support.axe import blocking_violations
from tests.support.progress_service import (
    ORGANISATION,
    certificate_card,
    certificate_course,
    progress_service,
    set_score,
)

pytestmark = pytest.mark.browser


def _card(page: Page, name: str) -> tuple[str, str | None]:
    """Reload the overview; the card's state and code, after axe and a phone's width."""
    page.goto(page.url.split("#")[0])
    card = page.locator("section[data-bewijs]")
    expect(card.get_by_role("heading", name=learner.MC_CERT_HEADING, level=2)).to_be_visible()
    assert blocking_violations(page) == []
    assert phone_fit(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 800})
    card.screenshot(path=str(ARTIFACTS / f"bewijs-{name}-375.png"))
    return certificate_card(page.content())


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _score(course: Path, points: float) -> None:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        set_score(book, "anna", points)


def test_the_card_follows_anna_to_her_certificate_which_stays_after_forgetting(
    browser: Browser, tmp_path: Path
) -> None:
    course = certificate_course(tmp_path / "cursus")
    _score(course, 3)  # not passed yet
    with (
        progress_service(course, {"anna": []}) as service,
        running_server(
            tmp_path,
            {
                "COURSEKIT_PROGRESS_URL": service.url,
                "JUPYTERHUB_API_TOKEN": service.tokens["anna"],
                "JUPYTERHUB_USER": "anna",
            },
        ) as server,
    ):
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(f"{server.url}mijn-cursus/?token={TOKEN}")
        card = page.locator("section[data-bewijs]")

        assert _card(page, "nog-niet") == ("geen", None)
        expect(card).to_contain_text(learner.MC_CERT_NOT_YET)
        expect(page.get_by_role("link", name=learner.MC_CERT_TO_CARD)).to_have_count(0)
        refused = page.request.get(f"{server.url}mijn-cursus/bewijs.pdf")
        assert refused.status == 409
        assert learner.PROGRESS_CERT_NOT_READY in refused.text()

        _score(course, 9)  # passed: the trainer has not confirmed it yet
        assert _card(page, "bevestigen") == ("bevestigen", None)
        expect(card).to_contain_text(learner.MC_CERT_WAITING)
        assert page.request.get(f"{server.url}mijn-cursus/bewijs.pdf").status == 409

        confirm(course, "anna", "t", datetime.now(UTC))
        state, code = _card(page, "klaar")
        assert state == "klaar" and code is not None
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(ARTIFACTS / "bewijs-klaar-pagina-1280.png"), full_page=True)
        found = lookup(course, code)
        assert found is not None and found.student_id == "anna"
        expect(card.get_by_text(code)).to_be_visible()
        # At the top, a way down to the card (it is under the modules).
        page.get_by_role("link", name=learner.MC_CERT_TO_CARD).click()
        expect(card.get_by_role("heading", name=learner.MC_CERT_HEADING)).to_be_focused()
        response = page.request.get(f"{server.url}mijn-cursus/bewijs.pdf")
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["cache-control"] == "no-store"
        assert (
            response.headers["content-disposition"]
            == 'attachment; filename="bewijs-van-deelname.pdf"'
        )
        with page.expect_download() as download:
            card.get_by_role("link", name=learner.MC_CERT_DOWNLOAD).click()
        assert download.value.suggested_filename == "bewijs-van-deelname.pdf"
        pdf = tmp_path / "bewijs-van-deelname.pdf"
        download.value.save_as(pdf)
        (tmp_path / "eerder.pdf").write_bytes(response.body())
        text = _pdf_text(pdf)
        for expected in ("Anna de Vries", code, ORGANISATION):
            assert expected in text
        # The same certificate each time (reportlab stamps the moment the file was made).
        assert text == _pdf_text(tmp_path / "eerder.pdf")

        # "Wis wat de cursus over mij bewaart": progress goes, the certificate stays.
        page.goto(f"{server.url}mijn-cursus/vergeet")
        page.get_by_role("button", name="Ja, wis mijn voortgang").click()
        expect(page.get_by_role("status")).to_contain_text(learner.MC_FORGOTTEN)
        assert certificate_card(page.content()) == ("klaar", code)
        page.close()
