"""The overview's sorting, filtering and counting (pure: rows built by hand), and the
plot's words."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from coursekit.content.course import course as course_map
from coursekit.groepsoverzicht.listing import listing, module_counts
from coursekit.groepsoverzicht.plot import alt_text, progress_png
from coursekit.overview.state import FinishedModule, Need, VolunteerRow
from coursekit.overview.table import csv_text, long_date

COURSE = course_map()
MODULES = sorted(COURSE.modules, key=lambda m: m.number)
DAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _row(
    student_id: str,
    name: str,
    finished: int = 0,
    score: float = 0.0,
    needs: tuple[Need, ...] = (),
    active: datetime | None = None,
    passed: bool = False,
) -> VolunteerRow:
    done = tuple(FinishedModule(m.id, m.number, m.title, DAY) for m in MODULES[:finished])
    current = MODULES[finished] if finished < len(MODULES) else None
    return VolunteerRow(
        student_id=student_id,
        name=name,
        progress_known=True,
        finished_modules=done,
        current_module="",
        current_module_id=None if current is None or not finished else current.id,
        exercises=(),
        handed_in=1 if active else 0,
        graded=0,
        waiting=0,
        score=score,
        max_score=26.0 if score else 0.0,
        last_activity=active,
        passed_final=passed,
        needs=needs,
    )


ROWS = [
    _row("zoe", "Zoë", finished=2, score=5, active=DAY),
    _row(
        "anna",
        "anna",
        finished=len(MODULES),
        score=22,
        active=DAY,
        passed=True,
        needs=(Need("eindtoets", "eindtoets gehaald"),),
    ),
    _row("bram", "Bram", finished=1, active=DAY, needs=(Need("inactief", "al 4 weken"),)),
    _row("carla", "Carla"),
]


def test_sorting_by_a_column_either_way_keeps_the_name_order_for_ties() -> None:
    def ids(**query: str) -> list[str]:
        return [r.student_id for r in listing(ROWS, query, COURSE).rows]

    assert ids() == ["anna", "bram", "carla", "zoe"]
    assert ids(sorteer="punten", richting="af") == ["anna", "zoe", "bram", "carla"]
    assert ids(sorteer="module") == ["carla", "bram", "zoe", "anna"]  # everyone done last
    assert ids(sorteer="actief") == ["carla", "anna", "bram", "zoe"]  # never active first
    assert ids(sorteer="trainer", richting="af")[:2] == ["anna", "bram"]


def test_filters_a_name_search_and_unknown_words() -> None:
    def shown(**query: str) -> tuple[list[str], tuple[str, ...]]:
        found = listing(ROWS, query, COURSE)
        assert found.total == 4
        return [r.student_id for r in found.rows], found.unknown

    assert shown(toon="wacht") == (["anna"], ())
    assert shown(toon="inactief") == (["bram"], ())
    assert shown(toon="geslaagd") == (["anna"], ())
    assert shown(toon="niet-begonnen") == (["carla"], ())
    assert shown(naam="  ZO ") == (["zoe"], ())  # id or name, any case
    assert shown(sorteer="x", richting="omhoog", toon="iedereen") == (
        ["anna", "bram", "carla", "zoe"],
        ("sorteer", "richting", "toon"),
    )


def test_the_plot_says_its_numbers_in_words_and_is_a_png() -> None:
    counts = module_counts(ROWS, COURSE)
    assert [c.finished for c in counts[:3]] == [3, 2, 1]
    words = alt_text(counts, len(ROWS))
    for count in counts:
        assert f"Module {count.number}: {count.finished} van 4 afgerond" in words
    assert progress_png(counts, len(ROWS))[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_long_dutch_date_in_dutch_time() -> None:
    assert long_date(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), with_time=True) == (
        "29 maart 2026 om 01:30"
    )
    assert long_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 juli 2026"
    assert long_date(None) == ""


def test_a_name_never_starts_a_formula_in_the_csv() -> None:
    evil = _row("eva", '=HYPERLINK("http://x","klik")', score=5)
    (record,) = csv.reader(io.StringIO(csv_text([evil]).splitlines()[1]), delimiter=";")
    assert record[0] == '\'=HYPERLINK("http://x","klik")'
    assert (record[1], record[8]) == ("eva", "5")
