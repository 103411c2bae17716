"""Item analysis: the statistics by hand, and ``coursekit report`` on a real autograde."""

from __future__ import annotations

import csv
import math
import re
import statistics
import subprocess
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.cli import main
from coursekit.grading.item_analysis import (
    Flag,
    Item,
    ItemScore,
    Submission,
    analyse,
    group_size,
    pearson,
    upper_lower,
)
from coursekit.grading.report import (
    hidden_keys,
    notebook_cells,
    typed_answers,
)
from coursekit.grading.report_page import CSV_NAME, HTML_NAME, decimal
from tests.support.course import ROOT
from tests.support.nbgrader import (
    EXERCISE,
    NBGRADER,
    answer_key,
    click,
    edit_notebook,
    flipped,
    nbgrader,
    submit,
)

SORT = ("helpful", "harmful")


def _item(item_id: str, number: int = 1) -> Item:
    return Item(item_id, number, "sort", f"tekst {item_id}", "harmful", SORT)


def _learners(table: dict[str, list[float | None]]) -> list[Submission]:
    """Learners L1, L2, ... with the points per item in ``table`` (None: no score)."""
    count = len(next(iter(table.values())))
    return [
        Submission(
            f"L{n + 1}",
            {i: ItemScore(v, 1.0) for i, row in table.items() if (v := row[n]) is not None},
            None,
        )
        for n in range(count)
    ]


# Five learners, three one-point items, worked out by hand.
FIVE: dict[str, list[float | None]] = {
    "A": [1, 1, 0, 1, 0],  # rest total (B + C): 2, 1, 1, 1, 0
    "B": [1, 0, 0, 1, 0],  # rest total (A + C): 2, 2, 1, 1, 0
    "C": [1, 1, 1, 0, 0],  # rest total (A + B): 2, 1, 0, 2, 0
}


def test_facility_and_corrected_point_biserial_match_the_hand_computation() -> None:
    analysis = analyse([_item("A", 1), _item("B", 2), _item("C", 3)], _learners(FIVE))
    a, b, c = analysis.items
    # A: mean 0.6; deviations (.4, .4, -.6, .4, -.6) and (1, 0, 0, 0, -1) of the rest
    # total around 1: Sxy = 1, Sxx = 1.2, Syy = 2, so r = 1 / sqrt(2.4) = sqrt(5/12).
    assert a.facility == pytest.approx(0.6)
    assert a.point_biserial == pytest.approx(math.sqrt(5 / 12))  # 0.6455
    # B: mean 0.4; rest (2, 2, 1, 1, 0): Sxy = 0.6, Sxx = 1.2, Syy = 2.8: sqrt(3/28).
    assert b.facility == pytest.approx(0.4)
    assert b.point_biserial == pytest.approx(math.sqrt(3 / 28))  # 0.3273
    # C: rest (2, 1, 0, 2, 0) around 1: Sxy = .4 + 0 - .4 - .6 + .6 = 0.
    assert c.facility == pytest.approx(0.6)
    assert c.point_biserial == pytest.approx(0.0)
    assert [s.flags for s in analysis.items] == [(), (), (Flag.LOW_DISCRIMINATION,)]
    assert [s.n for s in analysis.items] == [5, 5, 5]


def test_upper_lower_takes_27_percent_and_shares_ties_at_the_edge() -> None:
    a, b, c = analyse([_item("A"), _item("B"), _item("C")], _learners(FIVE)).items
    assert group_size(5) == 1 and group_size(10) == 3 and group_size(1) == 0
    assert a.upper_lower == pytest.approx(1.0)  # top L1 right, bottom L5 wrong
    assert b.upper_lower == pytest.approx(0.5)  # top: L1 and L2 tie at 2, half of them right
    assert c.upper_lower == pytest.approx(0.0)  # both ties are half right
    # The same learners in another order give the same answer.
    pairs = [(1.0, 2.0), (0.0, 2.0), (0.0, 1.0), (1.0, 1.0), (0.0, 0.0)]
    assert upper_lower(pairs) == upper_lower(pairs[::-1]) == pytest.approx(0.5)


def test_a_learner_without_scores_is_missing_not_zero() -> None:
    table: dict[str, list[float | None]] = {k: [*v, None] for k, v in FIVE.items()}
    a, b, c = analyse([_item("A"), _item("B"), _item("C")], _learners(table)).items
    assert (a.n, a.facility, b.facility) == (5, pytest.approx(0.6), pytest.approx(0.4))
    assert a.point_biserial == pytest.approx(math.sqrt(5 / 12))
    assert c.point_biserial == pytest.approx(0.0) and c.upper_lower == pytest.approx(0.0)


def test_a_missing_score_on_one_item_leaves_the_others_standing() -> None:
    table: dict[str, list[float | None]] = {
        "A": [1, 1, 0, 1, 0, None],
        "B": [1, 0, 0, 1, 0, 1],
        "C": [1, 1, 1, 0, 0, 1],
    }
    a, b, _ = analyse([_item("A"), _item("B"), _item("C")], _learners(table)).items
    assert a.n == 5 and a.facility == pytest.approx(0.6)
    assert b.n == 6 and b.facility == pytest.approx(0.5)


def test_everyone_right_gives_facility_one_and_no_discrimination() -> None:
    table: dict[str, list[float | None]] = {"A": [1, 1, 1, 1], "B": [1, 0, 1, 0]}
    a, b = analyse([_item("A"), _item("B")], _learners(table)).items
    assert a.facility == 1.0
    assert a.point_biserial is None and a.upper_lower is None
    assert a.flags == ()
    assert b.point_biserial is None, "the rest (A) has no variance"


def test_one_learner_gives_a_facility_and_nothing_else() -> None:
    a, b = analyse([_item("A"), _item("B")], _learners({"A": [1], "B": [0]})).items
    assert (a.facility, b.facility) == (1.0, 0.0)
    assert (a.point_biserial, a.upper_lower, b.point_biserial, b.upper_lower) == (None,) * 4
    assert b.flags == (Flag.LOW_FACILITY,)


def test_no_learners_at_all_gives_nothing_to_show() -> None:
    (a,) = analyse([_item("A")], []).items
    assert (a.n, a.facility, a.point_biserial, a.upper_lower, a.no_answer) == (
        0,
        None,
        None,
        None,
        0,
    )


def test_partial_points_count_as_a_share_of_the_maximum() -> None:
    learners = [
        Submission("L1", {"A": ItemScore(1.0, 2.0)}, None),
        Submission("L2", {"A": ItemScore(2.0, 2.0)}, None),
    ]
    (a,) = analyse([_item("A")], learners).items
    assert a.facility == pytest.approx(0.75)


def test_answers_are_counted_per_choice_with_none_and_unknown_as_no_answer() -> None:
    learners = [
        Submission("L1", {}, {"A": "harmful"}),
        Submission("L2", {}, {"A": "harmful"}),
        Submission("L3", {}, {"A": "helpful"}),
        Submission("L4", {}, {}),
        Submission("L5", {}, {"A": "b"}),  # not a choice of this item
        Submission("L6", {}, None),  # answers unknown: not counted at all
    ]
    (a,) = analyse([_item("A")], learners).items
    assert dict(a.counts) == {"helpful": 1, "harmful": 2}
    assert a.no_answer == 2


def test_pearson_is_undefined_without_variance_and_stays_within_bounds() -> None:
    assert pearson([1, 1, 1], [0, 1, 2]) is None
    assert pearson([0.1] * 3, [0.1, 0.2, 0.3]) is None
    assert pearson([1], [1]) is None
    assert pearson([0, 1, 2], [0, 2, 4]) == pytest.approx(1.0)
    assert pearson([0, 1, 2], [4, 2, 0]) == pytest.approx(-1.0)


_points = st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]))


@settings(max_examples=300, deadline=None)
@given(
    items=st.integers(min_value=1, max_value=5),
    rows=st.lists(st.lists(_points, min_size=5, max_size=5), max_size=14),
    max_points=st.sampled_from([1.0, 2.0, 3.0]),
)
def test_statistics_stay_within_their_bounds_or_are_undefined(
    items: int, rows: list[list[float | None]], max_points: float
) -> None:
    ids = [f"i{n}" for n in range(items)]
    learners = [
        Submission(
            f"L{n}",
            {i: ItemScore(p, max_points) for i, p in zip(ids, row, strict=False) if p is not None},
            {},
        )
        for n, row in enumerate(rows)
    ]
    analysis = analyse([_item(i) for i in ids], learners)
    for stats in analysis.items:
        assert stats.facility is None or 0.0 <= stats.facility <= 1.0
        assert (stats.facility is None) == (stats.n == 0)
        for value in (stats.point_biserial, stats.upper_lower):
            assert value is None or -1.0 <= value <= 1.0
        assert sum(stats.counts.values()) + stats.no_answer == len(rows)


def test_numbers_are_written_the_dutch_way() -> None:
    assert decimal(0.456) == "0,46"
    assert decimal(-0.12) == "\u22120,12"
    assert decimal(-0.1234, 3, "-") == "-0,123"
    assert decimal(None) == "-"


def test_the_key_is_read_from_the_hidden_tests_of_the_source_notebook() -> None:
    cells = notebook_cells(ROOT / "solutions" / EXERCISE / f"{EXERCISE}.ipynb")
    assert cells is not None
    keys = hidden_keys(cells)
    assert keys["z1"] == ("harmful", 1)
    assert keys["w1"] == ("false", 7)
    assert keys["k1"] == ("b", 8)
    assert len(keys) == 8


def _typed_cell(source: str) -> list[dict[str, object]]:
    return [
        {
            "cell_type": "code",
            "source": source,
            "metadata": {"nbgrader": {"grade_id": "getypte-antwoorden"}},
        }
    ]


def test_typed_answers_are_read_as_literals_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "gedraaid"
    assert typed_answers(_typed_cell('getypte_antwoorden = {\n    "z1": "helpt",\n}')) == {
        "z1": "helpt"
    }
    assert typed_answers(_typed_cell("getypte_antwoorden = {\n    # Typ hier\n}")) == {}
    assert typed_answers(_typed_cell('getypte_antwoorden = {"z1": "helpt"\n')) is None
    attack = f"getypte_antwoorden = __import__('pathlib').Path({str(marker)!r}).touch()"
    assert typed_answers(_typed_cell(attack)) is None
    assert not marker.exists()
    assert typed_answers([]) == {}


def _run(*argv: str) -> int:
    return main(["report", *argv])


def test_without_a_course_or_a_gradebook_the_command_says_so_in_one_sentence(
    tmp_path: Path, course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(EXERCISE, "--course", str(tmp_path)) == 1
    assert "geen nbgrader_config.py" in capsys.readouterr().err
    assert _run(EXERCISE, "--course", str(course)) == 1
    err = capsys.readouterr().err
    assert "nog geen cijferlijst" in err and "coursekit grade wat-niet-helpt" in err
    (course / "gradebook.db").write_bytes(b"dit is geen database" * 100)
    assert _run(EXERCISE, "--course", str(course)) == 1
    err = capsys.readouterr().err
    assert "niet te lezen" in err and len(err.strip().splitlines()) == 1
    assert not (course / "reports").exists()


def test_an_assignment_that_was_never_graded_is_named(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "steun-bij-stalking"):
        pass
    assert _run("bestaat-niet", "--course", str(course)) == 1
    assert "'bestaat-niet' staat niet in de cijferlijst" in capsys.readouterr().err


# -- The real thing: about ten submissions, nbgrader autograde, coursekit report ----------

ITEMS = ("z1", "z2", "z3", "z4", "z5", "z6", "w1", "k1")
# Per learner and item: R right, W wrong, - no answer, a letter for a wrong k1.
CLASS = {
    "s01": "RRRRRWRR",
    "s02": "RRRRRWWR",
    "s03": "RRRRRWWR",
    "s04": "RRRRWWWa",
    "s05": "RRRWWRWc",
    "s06": "RRWWWRWa",
    "s07": "RWWW-RW-",
    "s08": "RRRRWWWa",  # clicks all wrong, then types z1-z4 right: typed wins
    "s09": "--------",  # a broken answers file counts as no answer
    "s10": "--------",  # handed in without answering
}
BROKEN_FILE, TYPIST, FAILED = "s09", "s08", "s11"  # s11's notebook breaks autograde


def _answers(pattern: str, key: dict[str, str]) -> dict[str, str]:
    wrong = flipped(key)
    chosen = {}
    for item, mark in zip(ITEMS, pattern, strict=True):
        if mark == "R":
            chosen[item] = key[item]
        elif mark == "W":
            chosen[item] = wrong[item]
        elif mark != "-":
            chosen[item] = mark
    return chosen


def _type(answers: dict[str, str]) -> object:
    shown = {"helpful": "helpt", "harmful": "helpt niet", "true": "waar", "false": "niet waar"}

    def change(nb: nbformat.NotebookNode) -> None:
        cell = next(
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "getypte-antwoorden"
        )
        lines = "".join(f'    "{k}": "{shown.get(v, v)}",\n' for k, v in answers.items())
        cell.source = "getypte_antwoorden = {\n" + lines + "}"

    return change


def _fabricate(course: Path) -> dict[str, dict[str, str]]:
    """Hand in the class; return what each learner effectively answered."""
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    key = answer_key(course)
    effective = {student: _answers(pattern, key) for student, pattern in CLASS.items()}
    for student, chosen in effective.items():
        folder = submit(course, student)
        if student == TYPIST:
            click(folder, flipped(key))
            edit_notebook(folder, _type({i: chosen[i] for i in ("z1", "z2", "z3", "z4")}))
        elif student == BROKEN_FILE:
            click(folder, key)
            (folder / f"{EXERCISE}.antwoorden.json").write_text(
                '{"schema_version": 1, "answ', "utf-8"
            )
        elif chosen:
            click(folder, chosen)
    broken = submit(course, FAILED)
    click(broken, key)
    (broken / f"{EXERCISE}.ipynb").write_text("{ dit is geen notebook", encoding="utf-8")
    return effective


def _autograde(course: Path) -> None:
    """nbgrader exits 1 because of s11; every other submission must still be graded."""
    result = subprocess.run(
        [*NBGRADER, "autograde", EXERCISE, "--force"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    graded = {p.name for p in (course / "autograded").iterdir() if any(p.iterdir())}
    assert graded == set(CLASS), result.stdout + result.stderr


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


COLUMNS = [
    "id",
    "vraag",
    "soort",
    "tekst",
    "goed antwoord",
    "n",
    "aandeel goed",
    "Rir",
    "hoog-laag",
    "aantal helpt",
    "aantal helpt niet",
    "aantal waar",
    "aantal niet waar",
    "aantal a",
    "aantal b",
    "aantal c",
    "aantal d",
    "aantal geen antwoord",
    "signalen",
]
COUNT_COLUMN = {
    "helpful": "aantal helpt",
    "harmful": "aantal helpt niet",
    "true": "aantal waar",
    "false": "aantal niet waar",
    "a": "aantal a",
    "b": "aantal b",
    "c": "aantal c",
    "d": "aantal d",
}
# The answers each item offers: k1 has three options, so "aantal d" stays empty.
OFFERED = {"z": ("helpful", "harmful"), "w": ("true", "false"), "k": ("a", "b", "c")}


@pytest.mark.nbgrader
def test_report_on_a_real_autograde_matches_what_the_class_answered(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    effective = _fabricate(course)
    _autograde(course)
    key = answer_key(course)

    assert _run(EXERCISE, "--course", str(course)) == 0
    out, err = capsys.readouterr()
    assert "10 cursisten, 8 vragen" in out
    problems = err.strip().splitlines()
    assert len(problems) == 2, err
    assert any(BROKEN_FILE in p and "antwoordbestand" in p for p in problems), err
    assert any(FAILED in p and "nagekeken notebook" in p for p in problems), err

    folder = course / "reports" / EXERCISE
    rows = {row["id"]: row for row in _read_csv(folder / CSV_NAME)}
    with (folder / CSV_NAME).open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle, delimiter=";")) == COLUMNS
    assert list(rows) == list(ITEMS)

    right = {i: [int(effective[s].get(i) == key[i]) for s in CLASS] for i in ITEMS}
    for n, item in enumerate(ITEMS):
        row = rows[item]
        assert row["vraag"] == str(n + 1)
        assert row["n"] == "10", "s11 has no score: missing, not 0"
        assert _number(row["aandeel goed"]) == pytest.approx(sum(right[item]) / 10, abs=5e-4)
        chosen = Counter(effective[s].get(item) for s in CLASS)
        for value, column in COUNT_COLUMN.items():
            offered = value in OFFERED[item[0]]
            assert row[column] == (str(chosen[value]) if offered else ""), (item, value)
        assert row["aantal geen antwoord"] == str(chosen[None])
        # The corrected point-biserial, recomputed independently from the fabricated table.
        rest = [sum(right[o][k] for o in ITEMS if o != item) for k in range(len(CLASS))]
        expected = statistics.correlation(right[item], rest)
        assert _number(row["Rir"]) == pytest.approx(expected, abs=5e-4)
    assert rows["w1"]["goed antwoord"] == "niet waar" and rows["k1"]["goed antwoord"] == "b"
    assert "moeilijk" in rows["w1"]["signalen"]  # 1 of 10 right
    assert "onderscheidt weinig" in rows["z6"]["signalen"]  # the weaker learners got it
    assert rows["z1"]["signalen"] == ""

    page = (folder / HTML_NAME).read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "<title>Itemanalyse: wat-niet-helpt</title>" in page
    assert page.count('<th scope="col">') == 9
    images = re.findall(r"<img ([^>]*)>", page)
    assert len(images) == 1 + len(ITEMS)
    for image in images:
        assert image.startswith('src="data:image/png;base64,')
        alt = re.search(r'alt="([^"]+)"', image)
        assert alt and ("Staafdiagram" in alt.group(1) or "Spreidingsdiagram" in alt.group(1))
    assert re.search(r"https?://", page) is None, "a report never loads anything from elsewhere"
    assert "<script" not in page
    assert "n = 10" in page
    _an_unreadable_notebook_loses_only_its_typed_answers(course, capsys)


def _an_unreadable_notebook_loses_only_its_typed_answers(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = course / "autograded" / TYPIST / EXERCISE / f"{EXERCISE}.ipynb"
    notebook.chmod(0o644)
    notebook.write_text("{ kapot", encoding="utf-8")
    elsewhere = course / "elders"
    assert _run(EXERCISE, "--course", str(course), "--output", str(elsewhere)) == 0
    err = capsys.readouterr().err
    assert any(TYPIST in p and "notebook" in p for p in err.splitlines()), err
    rows = {row["id"]: row for row in _read_csv(elsewhere / CSV_NAME)}
    # s08's clicks (all wrong) now count for z1-z4; the scores in the gradebook stay.
    typed_right = {"z1": 8, "z2": 7, "z3": 6, "z4": 5}
    for item, right_before in typed_right.items():
        key_column = "aantal helpt niet" if item in {"z1", "z3"} else "aantal helpt"
        assert int(rows[item][key_column]) == right_before - 1
        assert _number(rows[item]["aandeel goed"]) == pytest.approx(right_before / 10, abs=5e-4)
