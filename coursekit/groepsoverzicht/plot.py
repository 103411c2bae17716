"""The group's progress per module as a small bar chart (a PNG), and the same numbers in
words for its ``alt`` text.

matplotlib's Agg canvas on a :class:`~matplotlib.figure.Figure` of its own (not pyplot:
no global state, so it is safe in a worker thread). Dark blue bars on white with black
text: contrast above 7:1; the numbers are also written on the bars and in a table under
the picture, so the colour carries nothing alone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from coursekit.groepsoverzicht.listing import ModuleCount
from coursekit.text import trainer

BAR = "#0b4f8a"
INK = "#1a1a1a"


def alt_text(counts: Sequence[ModuleCount], total: int) -> str:
    """ "Module 1: 8 van 12 afgerond, Module 2: ..." (every module, in course order)."""
    parts = [
        trainer.GO_PLOT_MODULE.format(number=c.number, done=c.finished, total=total) for c in counts
    ]
    return trainer.GO_PLOT_ALT.format(modules="; ".join(parts))


def progress_png(counts: Sequence[ModuleCount], total: int) -> bytes:
    """The bars: per module, the volunteers who finished it, out of the whole group."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(7.5, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [str(c.number) for c in counts]
    values = [c.finished for c in counts]
    bars = axes.bar(labels, values, color=BAR)
    axes.bar_label(bars, labels=[str(v) for v in values], color=INK, fontsize=11, padding=2)
    axes.set_ylim(0, max(total, 1) * 1.15)
    axes.set_xlabel(trainer.GO_PLOT_X, color=INK, fontsize=11)
    axes.set_ylabel(trainer.GO_PLOT_Y.format(total=total), color=INK, fontsize=11)
    axes.tick_params(colors=INK, labelsize=11)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()
