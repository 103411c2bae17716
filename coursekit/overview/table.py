"""The overview as a trainer reads it: a table for a terminal of 100 columns, or a CSV for
Excel (Dutch headers, ``;`` between fields, UTF-8 with a BOM, decimal commas, dates as
dd-mm-jjjj in Dutch time)."""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from coursekit.grading.feedback_data import dutch_number
from coursekit.overview.state import VolunteerRow
from coursekit.text import learner, trainer

#: The course runs in the Netherlands: dates are Dutch dates.
LOCAL = ZoneInfo("Europe/Amsterdam")
WIDTH = 100
INDENT = "    "
NO_BREAK = "\u00a0"


def dutch_date(moment: datetime | None) -> str:
    """``05-12-2026`` in Dutch time; nothing: ""."""
    return "" if moment is None else moment.astimezone(LOCAL).strftime("%d-%m-%Y")


def long_date(moment: datetime | None, with_time: bool = False) -> str:
    """``5 december 2026`` (``om 14:03`` with the time) in Dutch time; nothing: ""."""
    if moment is None:
        return ""
    local = moment.astimezone(LOCAL)
    text = f"{local.day} {learner.MONTHS[local.month - 1]} {local.year}"
    return trainer.GO_DATE_TIME.format(date=text, time=f"{local:%H:%M}") if with_time else text


def finished_text(row: VolunteerRow) -> str:
    """The modules finished with their dates, or "onbekend" without a progress store."""
    if not row.progress_known:
        return trainer.OV_UNKNOWN
    if not row.finished_modules:
        return trainer.OV_NONE
    return ", ".join(
        trainer.OV_FINISHED_ONE.format(number=m.number, date=dutch_date(m.finished))
        for m in row.finished_modules
    )


def score_text(row: VolunteerRow) -> str:
    if row.max_score <= 0:
        return "-"
    return trainer.OV_SCORE.format(score=dutch_number(row.score), max=dutch_number(row.max_score))


def needs_text(row: VolunteerRow) -> str:
    return "; ".join(need.text for need in row.needs)


CSV_HEADERS = (
    trainer.OV_COL_NAME,
    trainer.OV_COL_ID,
    trainer.OV_COL_FINISHED_COUNT,
    trainer.OV_COL_FINISHED,
    trainer.OV_COL_CURRENT,
    trainer.OV_COL_HANDED_IN,
    trainer.OV_COL_GRADED,
    trainer.OV_COL_WAITING,
    trainer.OV_COL_SCORE,
    trainer.OV_COL_MAX,
    trainer.OV_COL_LAST,
    trainer.OV_COL_FINAL,
    trainer.OV_COL_NEEDS,
)


#: What a spreadsheet reads as the start of a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """A text field Excel shows as text: a leading formula character gets a ``'``."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_record(row: VolunteerRow) -> list[str]:
    """One row of the CSV, every field as the Dutch reader writes it; names and words
    never start a formula."""
    return [_inert(field) for field in _csv_fields(row)]


def _csv_fields(row: VolunteerRow) -> list[str]:
    return [
        row.name,
        row.student_id,
        str(len(row.finished_modules)) if row.progress_known else trainer.OV_UNKNOWN,
        finished_text(row),
        row.current_module,
        str(row.handed_in),
        str(row.graded),
        str(row.waiting),
        dutch_number(row.score),
        dutch_number(row.max_score),
        dutch_date(row.last_activity),
        trainer.OV_YES if row.passed_final else trainer.OV_NO,
        needs_text(row),
    ]


def csv_text(rows: Sequence[VolunteerRow]) -> str:
    """The CSV without its BOM (write it with the encoding ``utf-8-sig``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows(csv_record(row) for row in rows)
    return out.getvalue()


def csv_bytes(rows: Sequence[VolunteerRow]) -> bytes:
    """The CSV as Excel opens it: UTF-8 with a byte order mark."""
    return csv_text(rows).encode("utf-8-sig")


# The terminal's columns: (header, width); the last line of a row says what waits.
_COLUMNS = (
    (trainer.OV_COL_NAME, 24),
    (trainer.OV_SHORT_FINISHED, 9),
    (trainer.OV_COL_CURRENT, 27),
    (trainer.OV_SHORT_EXERCISES, 11),
    (trainer.OV_COL_SCORE, 11),
    (trainer.OV_COL_LAST, 13),
)


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(cells: Sequence[str]) -> str:
    widths = [width for _, width in _COLUMNS]
    parts = [_cell(text, width).ljust(width) for text, width in zip(cells, widths, strict=True)]
    return " ".join(parts).rstrip()


def table_lines(rows: Sequence[VolunteerRow], total_modules: int) -> list[str]:
    """The overview for a terminal: a line per volunteer, then indented lines with the
    modules finished (with dates) and what needs the trainer; no line is over 100 wide."""
    lines = [_line([header for header, _ in _COLUMNS]), "-" * WIDTH]
    for row in rows:
        done = (
            trainer.OV_FINISHED_OF.format(done=len(row.finished_modules), total=total_modules)
            if row.progress_known
            else trainer.OV_UNKNOWN
        )
        exercises = f"{row.handed_in}/{row.graded}/{row.waiting}"
        last = dutch_date(row.last_activity) or trainer.OV_NONE
        lines.append(_line([row.name, done, row.current_module, exercises, score_text(row), last]))
        if row.finished_modules:
            lines += _wrapped(trainer.OV_FINISHED_LINE, "modules", finished_text(row).split(", "))
        if row.needs:
            lines += _wrapped(trainer.OV_NEEDS_LINE, "needs", [n.text for n in row.needs], "; ")
    lines += ["", *textwrap.wrap(trainer.OV_LEGEND, WIDTH)]
    return lines


def _wrapped(template: str, field: str, items: Sequence[str], joiner: str = ", ") -> list[str]:
    """Indented lines of at most 100 columns, breaking between words but never inside a
    short item ("3 op 01-12-2026")."""
    keep = [item.replace(" ", NO_BREAK) if len(item) < 30 else item for item in items]
    text = template.format(**{field: joiner.join(keep)})
    lines = textwrap.wrap(text, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT * 2)
    return [line.replace(NO_BREAK, " ") for line in lines]
