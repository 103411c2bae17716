"""The overview as a trainer reads it: the terminal table and the CSV for Excel."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from coursekit.content.course import course
from coursekit.overview.state import (
    ExerciseFacts,
    OverviewSettings,
    VolunteerFacts,
    VolunteerRow,
    group_rows,
)
from coursekit.overview.table import CSV_HEADERS, csv_bytes, dutch_date, dutch_number, table_lines
from coursekit.progress.model import ModuleProgress

# Half past eleven at night in UTC on New Year's Eve is already the new year in Amsterdam.
NOW = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
DAY = timedelta(days=1)
MODULES = sorted(course().modules, key=lambda m: m.number)


def _rows() -> list[VolunteerRow]:
    long_name = "Maximiliaan Alexander van den Berghe-Oudshoorn"
    volunteers = [
        VolunteerFacts(
            "anna",
            "Anna",
            "de Vries",
            exercises=(
                ExerciseFacts("eindtoets", collected=NOW, graded=True, score=19.5, max_score=26),
                ExerciseFacts(
                    "wat-niet-helpt", collected=NOW - DAY, graded=True, needs_manual_grade=True
                ),
            ),
            progress={m.id: ModuleProgress(begonnen=NOW - 9 * DAY, afgerond=NOW) for m in MODULES},
        ),
        VolunteerFacts(
            "max",
            long_name,
            None,
            exercises=(ExerciseFacts("eindtoets"),),
            progress={MODULES[2].id: ModuleProgress(begonnen=NOW - 30 * DAY)},
        ),
    ]
    return group_rows(volunteers, course(), OverviewSettings(), NOW)


def test_dates_are_dutch_dates_in_dutch_time_and_numbers_have_a_decimal_comma() -> None:
    assert dutch_date(NOW) == "01-01-2027"
    assert dutch_date(None) == ""
    assert [dutch_number(v) for v in (7, 1.5, 0.25, 19.5, 0, -0.0)] == [
        "7",
        "1,5",
        "0,25",
        "19,5",
        "0",
        "0",
    ]


def test_the_csv_opens_in_excel_with_dutch_headers_numbers_and_dates() -> None:
    data = csv_bytes(_rows())
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(records[0]) == CSV_HEADERS
    anna = records[0]
    assert anna["Naam"] == "Anna de Vries"
    assert anna["Punten"] == "19,5" and anna["Maximum"] == "26"
    assert anna["Laatst actief"] == "01-01-2027"
    assert anna["Aantal modules afgerond"] == str(len(MODULES))
    assert anna["Modules afgerond"].startswith("0 op 01-01-2027, 1 op 01-01-2027")
    assert anna["Eindtoets gehaald"] == "ja"
    assert anna["Voor de trainer"] == (
        "reflectie van wat-niet-helpt nakijken; eindtoets gehaald: bevestig het bewijs van deelname"
    )
    assert records[1]["Voor de trainer"] == "al 4 weken niet actief"
    assert records[1]["Eindtoets gehaald"] == "nee"


def test_the_table_fits_a_terminal_of_100_columns_and_says_what_waits() -> None:
    lines = table_lines(_rows(), len(MODULES))
    assert max(len(line) for line in lines) <= 100
    text = "\n".join(lines)
    assert "Anna de Vries" in text and "19,5 van 26" in text
    assert f"{len(MODULES)} van {len(MODULES)}" in text
    assert "voor jou: reflectie van wat-niet-helpt nakijken;" in text
    assert "al 4 weken niet actief" in text
    assert "Maximiliaan Alexander v…" in text


def test_without_progress_the_module_columns_say_unknown() -> None:
    (row,) = group_rows([VolunteerFacts("bram")], course(), OverviewSettings(), NOW)
    (record,) = csv.DictReader(io.StringIO(csv_bytes([row]).decode("utf-8-sig")), delimiter=";")
    assert record["Modules afgerond"] == record["Bezig met"] == "onbekend"
    assert record["Aantal modules afgerond"] == "onbekend"
    assert "onbekend" in table_lines([row], len(MODULES))[2]
