"""Per guidance point: the module sections that teach it and the items that practise it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from coursekit.content.guidance import guidance_ids, guidance_kind, guidance_titles
from coursekit.quality.course_files import CourseFiles, markdown_cells

MIN_ITEMS = 3
MIN_STATEMENTS = 4


@dataclass
class Coverage:
    """How one guidance point is taught and practised."""

    kind: str
    title: str
    sections: list[str] = field(default_factory=list)
    items: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.items.values())


def coverage(course_files: CourseFiles) -> tuple[dict[str, Coverage], dict[str, int]]:
    """Per guidance ID: the sections that teach it and the items that practise it; and the
    number of items per kind and label."""
    titles = guidance_titles()
    table = {
        gid: Coverage(guidance_kind(gid), titles.get(gid, gid)) for gid in sorted(guidance_ids())
    }
    labels: Counter[str] = Counter()

    for path in course_files.module_notebooks().values():
        for cell in markdown_cells(path):
            heading = cell.source.splitlines()[0] if cell.source else ""
            if not heading.startswith("## "):
                continue
            for gid in cell.metadata.get("coursekit", {}).get("guidance", []):
                table[gid].sections.append(f"{path.stem}: {heading[3:]}")

    def count(kind: str, guidance: Iterable[str]) -> None:
        for gid in set(guidance):
            table[gid].items[kind] += 1

    for kind in course_files.kinds:
        for _file, item in kind.items_in(course_files.banks):
            count(kind.label, kind.guidance(item))
            if kind.tally is not None:
                labels[kind.tally(item)] += 1
    return table, dict(sorted(labels.items()))
