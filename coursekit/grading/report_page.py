"""The item analysis as files for trainers: a CSV for spreadsheets and a Dutch HTML page.

The page is ``templates/item_analysis.html.j2``, rendered by jinja2 with autoescape on;
this module computes what it shows: the Dutch text from :mod:`coursekit.text.trainer`, every
number written the Dutch way, and the plots, drawn with matplotlib's Agg canvas and
embedded as base64 PNG images with Dutch alt texts listing every value. The page is
self-contained: its stylesheet is inlined; no script, no other host.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from coursekit.exercise.kinds import GRADED_KINDS, all_values, answer_words
from coursekit.grading.item_analysis import (
    GROUP_SHARE,
    LOW_DISCRIMINATION,
    LOW_FACILITY,
    Analysis,
    Flag,
    Item,
    ItemStats,
)
from coursekit.text import trainer

if TYPE_CHECKING:  # matplotlib and jinja2 load only when a report is drawn
    from jinja2 import Environment
    from matplotlib.figure import Figure

CSV_NAME = "item-analysis.csv"
HTML_NAME = "item-analysis.html"

# Every answer column of the CSV, in order: one table for all kinds of question.
_ANSWER_COLUMNS = all_values()


# -- Formatting --------------------------------------------------------------------------


def decimal(value: float | None, places: int = 2, minus: str = "\u2212") -> str:
    """A number the Dutch way (0,45), with a true minus sign; '-' when it cannot be computed."""
    if value is None:
        return trainer.IA_UNDEFINED
    text = f"{value:.{places}f}".replace(".", ",")
    return text.replace("-", minus) if text.startswith("-") else text


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def answer_label(value: str | None) -> str:
    if value is None:
        return trainer.IA_KEY_UNKNOWN
    return answer_words(value)


def flag_text(flag: Flag) -> str:
    if flag is Flag.LOW_FACILITY:
        return trainer.IA_FLAG_LOW_FACILITY.format(threshold=decimal(LOW_FACILITY, 1))
    return trainer.IA_FLAG_LOW_DISCRIMINATION.format(threshold=decimal(LOW_DISCRIMINATION, 1))


def flags_text(stats: ItemStats) -> str:
    return "; ".join(flag_text(f) for f in stats.flags)


def kind_text(item: Item) -> str:
    kind = GRADED_KINDS.get(item.kind)
    return kind.label if kind else item.kind


def question_label(item: Item) -> str:
    return trainer.IA_QUESTION_HEADING.format(number=item.number, id=item.id)


def counts_text(stats: ItemStats) -> str:
    """'helpt: 3, helpt niet: 6 (goed antwoord), geen antwoord: 1'."""
    parts = [
        trainer.IA_COUNT.format(
            answer=answer_label(value) + (trainer.IA_KEY_SUFFIX if value == stats.item.key else ""),
            count=count,
        )
        for value, count in stats.counts.items()
    ]
    parts.append(trainer.IA_COUNT.format(answer=trainer.IA_NO_ANSWER, count=stats.no_answer))
    return ", ".join(parts)


# -- CSV ---------------------------------------------------------------------------------


def csv_header() -> list[str]:
    answers = [trainer.IA_COL_COUNT.format(answer=answer_label(a)) for a in _ANSWER_COLUMNS]
    return [
        trainer.IA_COL_ID,
        trainer.IA_COL_NUMBER,
        trainer.IA_COL_KIND,
        trainer.IA_COL_TEXT,
        trainer.IA_COL_KEY,
        trainer.IA_COL_N,
        trainer.IA_COL_FACILITY,
        trainer.IA_COL_RIR,
        trainer.IA_COL_UPPER_LOWER,
        *answers,
        trainer.IA_COL_COUNT.format(answer=trainer.IA_NO_ANSWER),
        trainer.IA_COL_FLAGS,
    ]


def csv_row(stats: ItemStats) -> list[str]:
    item = stats.item
    counts = [str(stats.counts[a]) if a in stats.counts else "" for a in _ANSWER_COLUMNS]
    return [
        item.id,
        str(item.number),
        kind_text(item),
        item.text,
        answer_label(item.key),
        str(stats.n),
        decimal(stats.facility, 3, "-"),
        decimal(stats.point_biserial, 3, "-"),
        decimal(stats.upper_lower, 3, "-"),
        *counts,
        str(stats.no_answer) if item.choices else "",
        flags_text(stats),
    ]


def write_csv(analysis: Analysis, path: Path) -> None:
    """Semicolons and decimal commas, with a BOM: what Dutch Excel opens as a table."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(csv_header())
        writer.writerows(csv_row(stats) for stats in analysis.items)


# -- Plots -------------------------------------------------------------------------------

_KEY_COLOUR = "#1a7a3a"
_OTHER_COLOUR = "#8c8c8c"
_NONE_COLOUR = "#d4d4d4"
_FLAG_SHADE = "#fbe3d6"


def _figure(width: float, height: float) -> Figure:
    """A figure on matplotlib's Agg canvas: no pyplot, no display, no global state."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_base64(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _dutch_ticks(value: float, _position: int) -> str:
    return decimal(value, 1)


def scatter(analysis: Analysis) -> Figure:
    """Facility against Rir, per item, with both thresholds and the flagged area shaded."""
    from matplotlib.ticker import FuncFormatter

    figure = _figure(7.2, 4.6)
    ax = figure.add_subplot()
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(-1.08, 1.14)
    ax.set_xticks([step / 10 for step in range(0, 11)])
    ax.set_yticks([step / 10 for step in range(-10, 11, 2)])
    ax.axvspan(-0.04, LOW_FACILITY, color=_FLAG_SHADE, zorder=0)
    ax.axhspan(-1.08, LOW_DISCRIMINATION, color=_FLAG_SHADE, zorder=0)
    ax.axvline(LOW_FACILITY, color="#b35806", linestyle="--", linewidth=1)
    ax.axhline(LOW_DISCRIMINATION, color="#b35806", linestyle="--", linewidth=1)
    for (x, y), label in _scatter_points(analysis).items():
        ax.scatter([x], [y], s=36, color="#08519c", zorder=3)
        ax.annotate(label, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=9)
    ax.set_xlabel(trainer.IA_SCATTER_X)
    ax.set_ylabel(trainer.IA_SCATTER_Y)
    ax.xaxis.set_major_formatter(FuncFormatter(_dutch_ticks))
    ax.yaxis.set_major_formatter(FuncFormatter(_dutch_ticks))
    ax.grid(color="#e0e0e0", linewidth=0.6)
    return figure


def _scatter_points(analysis: Analysis) -> dict[tuple[float, float], str]:
    """Items at the same spot share one label: '1, 4'."""
    points: dict[tuple[float, float], list[str]] = {}
    for stats in analysis.items:
        if stats.facility is not None and stats.point_biserial is not None:
            spot = (round(stats.facility, 3), round(stats.point_biserial, 3))
            points.setdefault(spot, []).append(str(stats.item.number))
    return {spot: ", ".join(labels) for spot, labels in points.items()}


def bars(stats: ItemStats) -> Figure:
    """How often each answer was chosen; the key green, hatched and named under its bar."""
    from matplotlib.ticker import MaxNLocator

    values = [*stats.counts.keys(), None]
    heights = [*stats.counts.values(), stats.no_answer]
    labels = [_bar_label(value, stats.item.key) for value in values]
    colours = [_bar_colour(value, stats.item.key) for value in values]
    figure = _figure(5.4, 2.8)
    ax = figure.add_subplot()
    drawn = ax.bar(labels, heights, color=colours, edgecolor="#404040", linewidth=0.6)
    for bar, value in zip(drawn, values, strict=True):
        if value is not None and value == stats.item.key:
            bar.set_hatch("//")
    ax.bar_label(drawn, padding=2)
    ax.set_ylabel(trainer.IA_BAR_Y)
    ax.set_ylim(0, max(sum(heights), 1) * 1.15)  # one scale for every item: all learners
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _bar_label(value: str | None, key: str | None) -> str:
    if value is None:
        return trainer.IA_NO_ANSWER
    label = answer_label(value)
    return trainer.IA_KEY_TICK.format(answer=label) if value == key else label


def _bar_colour(value: str | None, key: str | None) -> str:
    if value is None:
        return _NONE_COLOUR
    return _KEY_COLOUR if value == key else _OTHER_COLOUR


# -- HTML --------------------------------------------------------------------------------

TEMPLATE = "item_analysis.html.j2"
STYLESHEET = "item_analysis.css"


@dataclass(frozen=True)
class Plot:
    """A figure for the page: the PNG as base64, its alt text and its caption."""

    png: str
    alt: str
    caption: str


@dataclass(frozen=True)
class TableRow:
    """One row of the overview table, every number already written the Dutch way."""

    question: str
    kind: str
    key: str
    n: int
    numbers: tuple[str, str, str]
    chosen: str
    flags: str


@dataclass(frozen=True)
class ItemSection:
    """One question under "chosen answers": its text, options, numbers and bar chart."""

    id: str
    heading: str
    text: str
    options: tuple[tuple[str, str], ...]
    numbers: str
    flags: str
    plot: Plot | None


def _plot(figure: Figure, alt: str, caption: str) -> Plot:
    return Plot(png_base64(figure), alt, caption)


def scatter_alt(analysis: Analysis) -> str:
    points = [
        trainer.IA_SCATTER_POINT.format(
            number=s.item.number, facility=decimal(s.facility), rir=decimal(s.point_biserial)
        )
        for s in analysis.items
    ]
    return trainer.IA_SCATTER_ALT.format(
        facility=decimal(LOW_FACILITY, 1),
        rir=decimal(LOW_DISCRIMINATION, 1),
        points=" ".join(points),
    )


def scatter_caption(analysis: Analysis) -> str:
    left_out = [
        question_label(s.item)
        for s in analysis.items
        if s.facility is None or s.point_biserial is None
    ]
    if not left_out:
        return trainer.IA_SCATTER_CAPTION
    missing = trainer.IA_SCATTER_LEFT_OUT.format(questions=", ".join(left_out))
    return f"{trainer.IA_SCATTER_CAPTION} {missing}"


def bars_alt(stats: ItemStats) -> str:
    return trainer.IA_BAR_ALT.format(
        number=stats.item.number, counts=counts_text(stats), key=answer_label(stats.item.key)
    )


def _table_row(stats: ItemStats) -> TableRow:
    item = stats.item
    return TableRow(
        question=question_label(item),
        kind=kind_text(item),
        key=answer_label(item.key),
        n=stats.n,
        numbers=(
            decimal(stats.facility),
            decimal(stats.point_biserial),
            decimal(stats.upper_lower),
        ),
        chosen=counts_text(stats) if item.choices else "",
        flags=flags_text(stats),
    )


def _meanings() -> list[tuple[str, str]]:
    share = percent(GROUP_SHARE)
    return [
        (
            trainer.IA_TH_FACILITY,
            trainer.IA_MEANING_FACILITY.format(threshold=decimal(LOW_FACILITY, 1)),
        ),
        (
            trainer.IA_TH_RIR,
            trainer.IA_MEANING_RIR.format(threshold=decimal(LOW_DISCRIMINATION, 1)),
        ),
        (trainer.IA_TH_UPPER_LOWER, trainer.IA_MEANING_UPPER_LOWER.format(share=share)),
        (trainer.IA_UNDEFINED, trainer.IA_MEANING_UNDEFINED),
    ]


def _item_section(stats: ItemStats) -> ItemSection:
    item = stats.item
    numbers = trainer.IA_ITEM_NUMBERS.format(
        n=stats.n,
        facility=decimal(stats.facility),
        rir=decimal(stats.point_biserial),
        upper_lower=decimal(stats.upper_lower),
    )
    plot = _plot(bars(stats), bars_alt(stats), counts_text(stats)) if item.choices else None
    return ItemSection(
        id=item.id,
        heading=question_label(item),
        text=item.text,
        options=item.options,
        numbers=numbers,
        flags=flags_text(stats),
        plot=plot,
    )


def _learners_note(analysis: Analysis) -> str:
    note = trainer.IA_FEW_LEARNERS.format(n=analysis.learners)
    if analysis.ungraded:
        note += " " + trainer.IA_UNGRADED.format(count=analysis.ungraded)
    return note


def page_context(analysis: Analysis, assignment: str, day: date) -> dict[str, object]:
    """Everything the template shows: Dutch text from strings, numbers and plots drawn."""
    return {
        "title": trainer.IA_TITLE.format(assignment=assignment),
        "intro": trainer.IA_INTRO.format(date=day.strftime("%d-%m-%Y")),
        "learners_note": _learners_note(analysis),
        "key_warning": trainer.IA_KEY_WARNING,
        "flagged": trainer.IA_FLAGGED.format(
            flagged=len(analysis.flagged), items=len(analysis.items)
        ),
        "headings": {
            "meaning": trainer.IA_MEANING_TITLE,
            "table": trainer.IA_TABLE_TITLE,
            "scatter": trainer.IA_SCATTER_TITLE,
            "answers": trainer.IA_ANSWERS_TITLE,
        },
        "meanings": _meanings(),
        "table_caption": trainer.IA_TABLE_CAPTION,
        "table_headers": [
            trainer.IA_TH_QUESTION,
            trainer.IA_TH_KIND,
            trainer.IA_TH_KEY,
            trainer.IA_COL_N,
            trainer.IA_TH_FACILITY,
            trainer.IA_TH_RIR,
            trainer.IA_TH_UPPER_LOWER,
            trainer.IA_TH_CHOSEN,
            trainer.IA_TH_FLAGS,
        ],
        "rows": [_table_row(stats) for stats in analysis.items],
        "scatter": _plot(scatter(analysis), scatter_alt(analysis), scatter_caption(analysis)),
        "items": [_item_section(stats) for stats in analysis.items],
    }


@cache
def _environment() -> Environment:
    """The page's template, escaped (a question's text is text), with its CSS inlined."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    loader = PackageLoader("coursekit.grading", "templates")
    environment = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    css, _, _ = loader.get_source(environment, STYLESHEET)
    environment.globals["css"] = css  # the template marks it safe: our file, in <style>
    return environment


def render_html(analysis: Analysis, assignment: str, day: date) -> str:
    """The whole report as one page: no scripts, no files or hosts besides itself."""
    template = _environment().get_template(TEMPLATE)
    return template.render(page_context(analysis, assignment, day))


def write_report(analysis: Analysis, assignment: str, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = folder / CSV_NAME, folder / HTML_NAME
    write_csv(analysis, csv_path)
    page = render_html(analysis, assignment, date.today())
    html_path.write_text(page, encoding="utf-8")
    return csv_path, html_path


def summary_lines(analysis: Analysis, assignment: str) -> Iterator[str]:
    """What the command prints: the counts, then one line per flagged item."""
    yield trainer.IA_SUMMARY.format(
        assignment=assignment,
        learners=analysis.learners,
        items=len(analysis.items),
        flagged=len(analysis.flagged),
    )
    if analysis.ungraded:
        yield trainer.IA_UNGRADED.format(count=analysis.ungraded)
    for stats in analysis.flagged:
        yield trainer.IA_SUMMARY_ITEM.format(
            question=question_label(stats.item),
            facility=decimal(stats.facility),
            rir=decimal(stats.point_biserial),
            flags=flags_text(stats),
        )
