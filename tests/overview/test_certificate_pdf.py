"""The Bewijs van deelname's PDF, read back with poppler (Debian poppler-utils): its text
holds the name, course, modules, date, code and organisation, accents included; its
metadata the title, author and language; page 1 renders to a PNG that is not blank."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from coursekit.content.course import course
from coursekit.overview.certificate import Certificate
from coursekit.overview.certificate_pdf import certificate_pdf, module_lines

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is missing: make system-packages",
)

ISSUED = datetime(2026, 12, 5, 15, 30, tzinfo=UTC)
CERTIFICATE = Certificate(
    code="K7QM-3XPA-9D",
    student_id="zoe",
    name="Zoë Çelik-Één",
    issued=ISSUED,
    score=31.5,
    max_score=36,
    trainer="coördinator",
    confirmed_by="coördinator",
    confirmed=ISSUED,
)


def _pdf(tmp_path: Path, organisation: str) -> Path:
    path = tmp_path / "bewijs.pdf"
    path.write_bytes(certificate_pdf(CERTIFICATE, course(), organisation))
    return path


def _text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_text_holds_name_course_modules_date_code_and_organisation(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "Stichting Één coördinator")
    text = _text(pdf)
    flat = " ".join(text.split())
    for wanted in (
        "Bewijs van deelname",
        "Zoë Çelik-Één",
        "Steun bij stalking: cursus voor vrijwilligers",
        "5 december 2026",
        "K7QM-3XPA-9D",
        "Stichting Één coördinator",
        "Uitgereikt door: coördinator",
    ):
        assert wanted in flat, wanted
    for title, guidance in module_lines(course()):
        assert title in flat and guidance.split(";")[0] in flat
    assert (
        "Module 1, Wat is stalking? \N{EN DASH} Wat stalking is; Stress en het belang van steun"
        in flat
    )
    assert text.count("\f") == 1  # one page


def test_an_organisation_not_set_says_so(tmp_path: Path) -> None:
    text = " ".join(_text(_pdf(tmp_path, "  ")).split())
    assert "Organisatie (naam niet ingesteld) verklaart dat" in text


def test_the_metadata_names_title_author_and_dutch(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "Stichting Voorbeeld")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Bewijs van deelname van Zoë Çelik-Één" in info
    assert "Author:          Stichting Voorbeeld" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    assert b"/Lang (nl-NL)" in pdf.read_bytes()


def test_page_one_renders_to_a_png_that_is_not_blank(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "Stichting Voorbeeld")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    with Image.open(tmp_path / "p.png") as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert grey.size == (497, 702)
    # Text on a white page: some ink, far from all of it.
    assert 0.005 < dark / (grey.size[0] * grey.size[1]) < 0.2
