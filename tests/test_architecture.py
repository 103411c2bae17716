"""The layers of coursekit hold: what each folder may import, and what a lower layer loads.

docs/architecture.md draws the layers; these tests keep the drawing true.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tests.support.course import ROOT

PACKAGE = ROOT / "coursekit"

# Per layer (a folder of coursekit, or a top-level module), the coursekit layers it may
# import. Absent from the table: a layer may import everything (the top: api, cli, hub).
ALLOWED = {
    "text": set(),
    "content": {"text", "content"},
    "practice": {"text", "content", "practice"},
    # The graded quiz widget (exercise/widget.py) shares the quizzes' stylesheet and markup.
    "exercise": {"text", "content", "practice", "exercise"},
    "grading": {"text", "content", "exercise", "grading"},
    "quality": {"text", "content", "quality"},
    "site": {"text", "content", "practice", "site"},
    # The progress store, its hub service and its client (issue "Mijn cursus").
    "progress": {"text", "content", "progress"},
    # The trainer's overview of a group (issue 18): reads the gradebook and the progress.
    "overview": {"text", "content", "grading", "progress", "overview"},
    # Groepsoverzicht: a server extension in the course service; the trainers' pages.
    "groepsoverzicht": {"text", "content", "grading", "progress", "overview", "groepsoverzicht"},
    # Mijn cursus: a server extension in a volunteer's own server; pages with no kernel.
    "mijn_cursus": {
        "text",
        "content",
        "practice",
        "exercise",
        "grading",
        "progress",
        "mijn_cursus",
    },
}


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _violations(allowed: dict[str, set[str]]) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        for line, module in _imports(path):
            top = module.split(".")[0]
            if top in {"tests", "benchmarks"}:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
            if top != "coursekit" or layer not in allowed:
                continue
            parts = module.split(".")
            if len(parts) < 2 or not (PACKAGE / parts[1]).is_dir():
                continue  # `from coursekit import x` names a module or API function
            if parts[1] not in allowed[layer]:
                found.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {module}")
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    assert _violations(ALLOWED) == []


def test_the_layer_check_finds_a_forbidden_import() -> None:
    stricter = {**ALLOWED, "practice": {"text", "practice"}, "grading": {"grading"}}
    found = _violations(stricter)
    assert any("coursekit/practice/" in v and "coursekit.content" in v for v in found)
    assert any("coursekit/grading/" in v and "coursekit.exercise" in v for v in found)


def test_the_data_layers_never_import_widgets() -> None:
    for layer in (
        "text",
        "content",
        "exercise",
        "grading",
        "quality",
        "progress",
        "mijn_cursus",
        "overview",
        "groepsoverzicht",
    ):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if path.name == "widget.py":
                continue  # the graded quiz: exercise's one widget, loaded by the notebook only
            modules = {m.split(".")[0] for _line, m in _imports(path)}
            assert not modules & {"ipywidgets", "IPython"}, path


LOADED = """
import json, sys
import coursekit.content.kinds, coursekit.grading.item_analysis, coursekit.hub
import coursekit.grading.report, coursekit.quality, coursekit.progress, coursekit.mijn_cursus
print(json.dumps({
    "modules": len(sys.modules),
    "coursekit": sorted(m for m in sys.modules if m.startswith("coursekit")),
    "widgets": sorted(m for m in sys.modules if m.split(".")[0] in {"ipywidgets", "IPython"}),
}))
"""


def test_content_grading_and_the_hub_load_without_ipywidgets_or_ipython() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOADED], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert loaded["widgets"] == []
    assert "coursekit.api" not in loaded["coursekit"]
    assert "coursekit.content.kinds" in loaded["coursekit"], "the check looked at a real import"


def test_the_notebook_api_still_loads_the_widgets() -> None:
    code = "import sys; from coursekit import sort; print('ipywidgets' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
