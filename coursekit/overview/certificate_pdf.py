"""The Bewijs van deelname as a PDF (A4, in Dutch), made with reportlab.

One page: the organisation, the volunteer's name as the trainer registered it, the course's
name (``coursekit/data/course.yaml``), every module with its guidance in one line, the date,
who issued it and the verification code the organisation can look up
(:func:`coursekit.overview.certificate.lookup`). The organisation's name is
``c.GroupOverview.organisation`` in ``nbgrader_config.py``; when it is not set the page
says so. Fonts are reportlab's built-in Helvetica (WinAnsi: "één", "coördinator" print);
nothing is loaded from the internet.

Accessibility: the document carries a title, author, subject and its language (nl-NL) and
the text is real text in reading order, so it can be searched, copied and read aloud.
reportlab does not write a structure tree: the PDF is **not tagged** (no headings, list or
paragraph tags, not PDF/UA); a screen reader reads it as plain text in order.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from coursekit.content.course import Course
from coursekit.content.guidance import guidance_title
from coursekit.overview.certificate import Certificate
from coursekit.overview.table import LOCAL
from coursekit.text import learner, trainer

__all__ = ["certificate_pdf", "dutch_date", "module_lines"]

_INK = colors.HexColor("#1f2a44")
_BASE = ParagraphStyle("tekst", fontName="Helvetica", fontSize=11, leading=15, textColor=_INK)
_CENTER = ParagraphStyle("midden", parent=_BASE, alignment=TA_CENTER)
_TITLE = ParagraphStyle("titel", parent=_CENTER, fontName="Helvetica-Bold", fontSize=26, leading=32)
_NAME = ParagraphStyle("naam", parent=_CENTER, fontName="Helvetica-Bold", fontSize=20, leading=26)
_COURSE = ParagraphStyle("cursus", parent=_CENTER, fontName="Helvetica-Bold", fontSize=14)
_HEAD = ParagraphStyle("kop", parent=_BASE, fontName="Helvetica-Bold", fontSize=12)
_MODULE = ParagraphStyle(
    "module", parent=_BASE, fontSize=9, leading=12, leftIndent=4 * mm, spaceAfter=3
)
_SMALL = ParagraphStyle("klein", parent=_BASE, fontSize=9, leading=12)


def dutch_date(moment: date) -> str:
    """``5 december 2026`` for a date, or for a moment in Dutch time."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(LOCAL)
    return f"{moment.day} {learner.MONTHS[moment.month - 1]} {moment.year}"


def module_lines(course: Course) -> list[tuple[str, str]]:
    """Per module, in course order: its number and title, and its guidance titles in one
    line ("" for a module without guidance)."""
    lines = []
    for module in sorted(course.modules, key=lambda m: m.number):
        guidance = "; ".join(guidance_title(g) for g in module.guidance)
        title = trainer.CERT_MODULE_LINE.format(number=module.number, title=module.title)
        lines.append((title, guidance))
    return lines


def _module(title: str, guidance: str) -> Paragraph:
    text = f"<b>{escape(title)}</b>"
    return Paragraph(f"{text} \N{EN DASH} {escape(guidance)}" if guidance else text, _MODULE)


def certificate_pdf(certificate: Certificate, course: Course, organisation: str) -> bytes:
    """The certificate as PDF bytes (one A4 page)."""
    organisation = organisation.strip() or trainer.CERT_NO_ORGANISATION
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=15 * mm,
        title=trainer.CERT_PDF_TITLE.format(name=certificate.name),
        author=organisation,
        subject=course.name,
        creator="coursekit",
        lang="nl-NL",
    )
    text = {
        "organisation": escape(organisation),
        "name": escape(certificate.name),
        "course": escape(course.name),
        "date": dutch_date(certificate.issued),
        "trainer": escape(certificate.trainer),
        "code": escape(certificate.code),
    }
    story = [
        Paragraph(escape(organisation), _CENTER),
        Spacer(1, 6 * mm),
        Paragraph(trainer.CERT_PDF_HEADING, _TITLE),
        Spacer(1, 6 * mm),
        Paragraph(trainer.CERT_PDF_DECLARES.format(**text), _CENTER),
        Spacer(1, 4 * mm),
        Paragraph(text["name"], _NAME),
        Spacer(1, 4 * mm),
        Paragraph(trainer.CERT_PDF_FOLLOWED, _CENTER),
        Spacer(1, 2 * mm),
        Paragraph(text["course"], _COURSE),
        Spacer(1, 2 * mm),
        Paragraph(trainer.CERT_PDF_PASSED, _CENTER),
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=0.6, color=_INK),
        Spacer(1, 4 * mm),
        Paragraph(trainer.CERT_PDF_MODULES, _HEAD),
        Spacer(1, 2 * mm),
        *(_module(title, guidance) for title, guidance in module_lines(course)),
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=0.6, color=_INK),
        Spacer(1, 6 * mm),
        Paragraph(trainer.CERT_PDF_DATE.format(**text), _BASE),
        Paragraph(trainer.CERT_PDF_ISSUED_BY.format(**text), _BASE),
        Spacer(1, 4 * mm),
        Paragraph(trainer.CERT_PDF_CODE.format(**text), _BASE),
        Paragraph(trainer.CERT_PDF_CODE_NOTE.format(**text), _SMALL),
    ]
    document.build(story)
    return out.getvalue()
