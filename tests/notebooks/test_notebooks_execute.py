"""Every notebook runs top to bottom in a fresh kernel, as Voila and nbgrader run it."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.support.course import ROOT


def _execute(notebook: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook's folder, so that nothing is written into the repository."""
    folder = tmp_path / notebook.parent.name
    shutil.copytree(notebook.parent, folder, ignore=shutil.ignore_patterns("*.antwoorden.json"))
    nb = nbformat.read(folder / notebook.name, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return nb


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.get("output_type") == "error"
    ]


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "modules").glob("*.ipynb")), ids=lambda p: p.name
)
def test_module_executes_and_shows_widgets(notebook: Path, tmp_path: Path) -> None:
    nb = _execute(notebook, tmp_path)
    assert _errors(nb) == []
    views = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert len(views) >= 3, "a statement sort and two scenarios at least"


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "solutions").rglob("*.ipynb")), ids=lambda p: p.stem
)
def test_solution_passes_every_hidden_test(notebook: Path, tmp_path: Path) -> None:
    nb = _execute(notebook, tmp_path)
    assert _errors(nb) == []
    checks = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert checks and all("goed" in "".join(o.get("text", "") for o in c.outputs) for c in checks)


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "exercises").rglob("*.ipynb")), ids=lambda p: p.stem
)
def test_untouched_release_stops_at_the_first_question_with_a_dutch_sentence(
    notebook: Path, tmp_path: Path
) -> None:
    """Before answering, 'Run all' shows the widget and then says which question is open."""
    with pytest.raises(CellExecutionError) as caught:
        _execute(notebook, tmp_path)
    assert "AssertionError" in str(caught.value)
    assert "Vraag 1: je hebt nog geen antwoord gegeven." in str(caught.value)
