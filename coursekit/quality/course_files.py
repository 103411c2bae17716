"""Where the course's own files are: the module notebooks and the exercises' sources.

These live in the course folder (a checkout, or a trainer's copy), not in the installed
package, so every reader of them takes a ``CourseFiles``. The banks, the seed and the word
list are packaged data and are read through ``importlib.resources`` where they are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from coursekit.content.errors import CourseDataError
from coursekit.content.kinds import KINDS, Banks, ItemKind, packaged_banks
from coursekit.text import editor


@dataclass(frozen=True)
class CourseFiles:
    """The course folder: ``modules/`` (required) and ``solutions/`` (may be missing); and
    the item kinds with their banks folder (the packaged ones, or a test's)."""

    root: Path
    banks: Banks = field(default_factory=packaged_banks)
    kinds: tuple[ItemKind[Any, Any], ...] = KINDS

    def __post_init__(self) -> None:
        if not (self.root / "modules").is_dir():
            raise CourseDataError(editor.REPORT_NO_MODULES.format(folder=self.root))

    @property
    def modules(self) -> Path:
        return self.root / "modules"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    def module_notebooks(self) -> dict[int, Path]:
        """The module notebooks by number, from their file names ('04-zo-help-je.ipynb')."""
        return {int(p.name[:2]): p for p in sorted(self.modules.glob("[0-9][0-9]-*"))}

    def exercise_notebooks(self) -> list[Path]:
        """The exercises' source notebooks, ``solutions/<exercise>/<exercise>.ipynb``."""
        return sorted(self.solutions.glob("*/*.ipynb"))

    def question_files(self) -> list[Path]:
        """The exercises' questions files (``*.vragen.yaml``)."""
        return sorted(self.solutions.rglob("*.vragen.yaml"))

    def name(self, path: Path) -> str:
        """A path as the report names it: relative to the course folder."""
        return str(path.relative_to(self.root))


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call,no-any-return]


def markdown_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [cell for cell in read_notebook(path).cells if cell.cell_type == "markdown"]
