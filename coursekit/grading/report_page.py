"""The item analysis as files for trainers: a CSV for spreadsheets and a Dutch HTML page.

The page is self-contained: plots drawn with matplotlib's Agg canvas are embedded as
base64 PNG images with Dutch alt texts listing every value; no script, no other host.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coursekit import strings
from coursekit.grading.item_analysis import (
    GROUP_SHARE,
    LOW_DISCRIMINATION,
    LOW_FACILITY,
    Analysis,
    Flag,
    Item,
    ItemStats,
)

if TYPE_CHECKING:  # matplotlib loads only when a report is drawn, not for every command
    from matplotlib.figure import Figure

CSV_NAME = "item-analysis.csv"
HTML_NAME = "item-analysis.html"

_LABELS = {
    "helpful": strings.LABEL_HELPFUL.lower(),
    "harmful": strings.LABEL_HARMFUL.lower(),
    "true": strings.LABEL_TRUE.lower(),
    "false": strings.LABEL_FALSE.lower(),
}
_KINDS = {
    "sort": strings.IA_KIND_SORT,
    "true-false": strings.IA_KIND_TRUE_FALSE,
    "choice": strings.IA_KIND_CHOICE,
}
# Every answer column of the CSV, in order: one table for all kinds of question.
_ANSWER_COLUMNS = ("helpful", "harmful", "true", "false", "a", "b", "c", "d")


# -- Formatting --------------------------------------------------------------------------


def decimal(value: float | None, places: int = 2, minus: str = "\u2212") -> str:
    """A number the Dutch way (0,45), with a true minus sign; '-' when it cannot be computed."""
    if value is None:
        return strings.IA_UNDEFINED
    text = f"{value:.{places}f}".replace(".", ",")
    return text.replace("-", minus) if text.startswith("-") else text


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def answer_label(value: str | None) -> str:
    if value is None:
        return strings.IA_KEY_UNKNOWN
    return _LABELS.get(value, value)


def flag_text(flag: Flag) -> str:
    if flag is Flag.LOW_FACILITY:
        return strings.IA_FLAG_LOW_FACILITY.format(threshold=decimal(LOW_FACILITY, 1))
    return strings.IA_FLAG_LOW_DISCRIMINATION.format(threshold=decimal(LOW_DISCRIMINATION, 1))


def flags_text(stats: ItemStats) -> str:
    return "; ".join(flag_text(f) for f in stats.flags)


def kind_text(item: Item) -> str:
    return _KINDS.get(item.kind, item.kind)


def question_label(item: Item) -> str:
    return strings.IA_QUESTION_HEADING.format(number=item.number, id=item.id)


def counts_text(stats: ItemStats) -> str:
    """'helpt: 3, helpt niet: 6 (goed antwoord), geen antwoord: 1'."""
    parts = [
        strings.IA_COUNT.format(
            answer=answer_label(value) + (strings.IA_KEY_SUFFIX if value == stats.item.key else ""),
            count=count,
        )
        for value, count in stats.counts.items()
    ]
    parts.append(strings.IA_COUNT.format(answer=strings.IA_NO_ANSWER, count=stats.no_answer))
    return ", ".join(parts)


# -- CSV ---------------------------------------------------------------------------------


def csv_header() -> list[str]:
    answers = [strings.IA_COL_COUNT.format(answer=answer_label(a)) for a in _ANSWER_COLUMNS]
    return [
        strings.IA_COL_ID,
        strings.IA_COL_NUMBER,
        strings.IA_COL_KIND,
        strings.IA_COL_TEXT,
        strings.IA_COL_KEY,
        strings.IA_COL_N,
        strings.IA_COL_FACILITY,
        strings.IA_COL_RIR,
        strings.IA_COL_UPPER_LOWER,
        *answers,
        strings.IA_COL_COUNT.format(answer=strings.IA_NO_ANSWER),
        strings.IA_COL_FLAGS,
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
    ax.set_xlabel(strings.IA_SCATTER_X)
    ax.set_ylabel(strings.IA_SCATTER_Y)
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
    ax.set_ylabel(strings.IA_BAR_Y)
    ax.set_ylim(0, max(sum(heights), 1) * 1.15)  # one scale for every item: all learners
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _bar_label(value: str | None, key: str | None) -> str:
    if value is None:
        return strings.IA_NO_ANSWER
    label = answer_label(value)
    return strings.IA_KEY_TICK.format(answer=label) if value == key else label


def _bar_colour(value: str | None, key: str | None) -> str:
    if value is None:
        return _NONE_COLOUR
    return _KEY_COLOUR if value == key else _OTHER_COLOUR


# -- HTML --------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #1a1a1a;
  line-height: 1.45; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
h2 { margin-top: 2.2rem; border-bottom: 2px solid #d0d0d0; padding-bottom: 0.2rem; }
.note { background: #fff4d6; border-left: 5px solid #c98a00; padding: 0.6rem 0.9rem; }
.key { background: #fde8e8; border-left: 5px solid #b42318; padding: 0.6rem 0.9rem; }
dt { font-weight: bold; margin-top: 0.5rem; }
dd { margin-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; padding: 0.4rem 0; color: #444; }
th, td { border: 1px solid #c8c8c8; padding: 0.35rem 0.5rem; vertical-align: top;
  text-align: left; }
thead th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.flagged th, tr.flagged td { background: #fdf0e9; }
.flag { font-weight: bold; color: #8a3b00; margin: 0.3rem 0; }
figure { margin: 1rem 0; }
figcaption { color: #444; font-size: 0.9rem; }
img { max-width: 100%; height: auto; }
.items { display: grid; grid-template-columns: repeat(auto-fill, minmax(30rem, 1fr));
  gap: 1rem 2rem; }
section.item { border-top: 1px solid #e0e0e0; padding-top: 0.3rem; }
section.item h3 { margin: 0.4rem 0; }
.text { font-style: italic; margin: 0.3rem 0; }
.options { margin: 0.3rem 0; padding-left: 1.2rem; list-style: none; }
.numbers { margin: 0.3rem 0; font-size: 0.95rem; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _img(figure: Figure, alt: str) -> str:
    return f'<img src="data:image/png;base64,{png_base64(figure)}" alt="{_e(alt)}">'


def scatter_alt(analysis: Analysis) -> str:
    points = [
        strings.IA_SCATTER_POINT.format(
            number=s.item.number, facility=decimal(s.facility), rir=decimal(s.point_biserial)
        )
        for s in analysis.items
    ]
    return strings.IA_SCATTER_ALT.format(
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
        return strings.IA_SCATTER_CAPTION
    missing = strings.IA_SCATTER_LEFT_OUT.format(questions=", ".join(left_out))
    return f"{strings.IA_SCATTER_CAPTION} {missing}"


def bars_alt(stats: ItemStats) -> str:
    return strings.IA_BAR_ALT.format(
        number=stats.item.number, counts=counts_text(stats), key=answer_label(stats.item.key)
    )


def _table(analysis: Analysis) -> str:
    headers = [
        strings.IA_TH_QUESTION,
        strings.IA_TH_KIND,
        strings.IA_TH_KEY,
        strings.IA_COL_N,
        strings.IA_TH_FACILITY,
        strings.IA_TH_RIR,
        strings.IA_TH_UPPER_LOWER,
        strings.IA_TH_CHOSEN,
        strings.IA_TH_FLAGS,
    ]
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "\n".join(_table_row(stats) for stats in analysis.items)
    return (
        f"<table>\n<caption>{_e(strings.IA_TABLE_CAPTION)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def _table_row(stats: ItemStats) -> str:
    item = stats.item
    flagged = ' class="flagged"' if stats.flags else ""
    flags = f'<span class="flag">⚑ {_e(flags_text(stats))}</span>' if stats.flags else ""
    numbers = [decimal(stats.facility), decimal(stats.point_biserial), decimal(stats.upper_lower)]
    cells = [
        f'<th scope="row">{_e(question_label(item))}</th>',
        f"<td>{_e(kind_text(item))}</td>",
        f"<td>{_e(answer_label(item.key))}</td>",
        f'<td class="num">{stats.n}</td>',
        *(f'<td class="num">{_e(n)}</td>' for n in numbers),
        f"<td>{_e(counts_text(stats)) if item.choices else ''}</td>",
        f"<td>{flags}</td>",
    ]
    return f"<tr{flagged}>{''.join(cells)}</tr>"


def _meaning() -> str:
    share = percent(GROUP_SHARE)
    entries = [
        (
            strings.IA_TH_FACILITY,
            strings.IA_MEANING_FACILITY.format(threshold=decimal(LOW_FACILITY, 1)),
        ),
        (
            strings.IA_TH_RIR,
            strings.IA_MEANING_RIR.format(threshold=decimal(LOW_DISCRIMINATION, 1)),
        ),
        (strings.IA_TH_UPPER_LOWER, strings.IA_MEANING_UPPER_LOWER.format(share=share)),
        (strings.IA_UNDEFINED, strings.IA_MEANING_UNDEFINED),
    ]
    return "<dl>" + "".join(f"<dt>{_e(t)}</dt><dd>{_e(d)}</dd>" for t, d in entries) + "</dl>"


def _item_numbers(stats: ItemStats) -> str:
    line = strings.IA_ITEM_NUMBERS.format(
        n=stats.n,
        facility=decimal(stats.facility),
        rir=decimal(stats.point_biserial),
        upper_lower=decimal(stats.upper_lower),
    )
    flags = f'<p class="flag">⚑ {_e(flags_text(stats))}</p>' if stats.flags else ""
    return f'<p class="numbers">{_e(line)}</p>{flags}'


def _options(item: Item) -> str:
    if not item.options:
        return ""
    entries = "".join(f"<li>{_e(letter)}. {_e(text)}</li>" for letter, text in item.options)
    return f'<ul class="options">{entries}</ul>'


def _item_section(stats: ItemStats) -> str:
    item = stats.item
    text = f'<p class="text">{_e(item.text)}</p>' if item.text else ""
    text += _options(item) + _item_numbers(stats)
    figure = ""
    if item.choices:
        figure = (
            f"<figure>{_img(bars(stats), bars_alt(stats))}"
            f"<figcaption>{_e(counts_text(stats))}</figcaption></figure>"
        )
    return (
        f'<section class="item" aria-labelledby="v-{_e(item.id)}">'
        f'<h3 id="v-{_e(item.id)}">{_e(question_label(item))}</h3>{text}{figure}</section>'
    )


def _learners_note(analysis: Analysis) -> str:
    note = strings.IA_FEW_LEARNERS.format(n=analysis.learners)
    if analysis.ungraded:
        note += " " + strings.IA_UNGRADED.format(count=analysis.ungraded)
    return note


def render_html(analysis: Analysis, assignment: str, day: date) -> str:
    """The whole report as one page: no scripts, no files or hosts besides itself."""
    title = strings.IA_TITLE.format(assignment=assignment)
    flagged = len(analysis.flagged)
    body = [
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(strings.IA_INTRO.format(date=day.strftime('%d-%m-%Y')))}</p>",
        f'<p class="note">{_e(_learners_note(analysis))}</p>',
        f'<p class="key">{_e(strings.IA_KEY_WARNING)}</p>',
        f"<p>{_e(strings.IA_FLAGGED.format(flagged=flagged, items=len(analysis.items)))}</p>",
        f"<h2>{_e(strings.IA_MEANING_TITLE)}</h2>{_meaning()}",
        f"<h2>{_e(strings.IA_TABLE_TITLE)}</h2>{_table(analysis)}",
        f"<h2>{_e(strings.IA_SCATTER_TITLE)}</h2>",
        f"<figure>{_img(scatter(analysis), scatter_alt(analysis))}"
        f"<figcaption>{_e(scatter_caption(analysis))}</figcaption></figure>",
        f"<h2>{_e(strings.IA_ANSWERS_TITLE)}</h2>",
        '<div class="items">',
        *(_item_section(stats) for stats in analysis.items),
        "</div>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def write_report(analysis: Analysis, assignment: str, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = folder / CSV_NAME, folder / HTML_NAME
    write_csv(analysis, csv_path)
    page = render_html(analysis, assignment, date.today())
    html_path.write_text(page, encoding="utf-8")
    return csv_path, html_path


def summary_lines(analysis: Analysis, assignment: str) -> Iterator[str]:
    """What the command prints: the counts, then one line per flagged item."""
    yield strings.IA_SUMMARY.format(
        assignment=assignment,
        learners=analysis.learners,
        items=len(analysis.items),
        flagged=len(analysis.flagged),
    )
    if analysis.ungraded:
        yield strings.IA_UNGRADED.format(count=analysis.ungraded)
    for stats in analysis.flagged:
        yield strings.IA_SUMMARY_ITEM.format(
            question=question_label(stats.item),
            facility=decimal(stats.facility),
            rir=decimal(stats.point_biserial),
            flags=flags_text(stats),
        )
