"""Reading Markdown that the code writes (the benchmarks' sections of docs/performance.md)."""

from __future__ import annotations


def table_rows(text: str, header: str) -> list[str]:
    """The rows of the Markdown table whose header line starts with ``header``, header and
    separator excluded."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows
