"""The project's promises about itself: pins in step, public API, clean notebooks, config."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml

import coursekit
from coursekit.content.guidance import guidance_ids
from coursekit.quality.catalogues import CATALOGUES
from tests.support.course import ROOT

NOTEBOOKS = sorted(
    p
    for folder in ("modules", "solutions", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_pins_the_same_versions_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    pins = project["dependencies"] + [pin for extra in extras.values() for pin in extra]
    expected = {_name(p): p.split("==")[1] for p in pins}
    assert all("==" in p for p in pins), "every dependency is pinned with =="
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {
        _name(d): d.split("=", 1)[1]
        for d in env["dependencies"]
        if isinstance(d, str) and d not in ("pip",) and not d.startswith("python=")
    }
    from_pypi = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    conda |= {_name(p): p.split("==")[1] for pins in from_pypi for p in pins}
    assert conda == expected


def test_public_api_is_exactly_all_and_documented() -> None:
    public = {name for name in dir(coursekit) if not name.startswith("_")}
    modules = {name for name in public if isinstance(getattr(coursekit, name), type(coursekit))}
    assert public - modules == set(coursekit.__all__)
    for name in coursekit.__all__:
        assert getattr(coursekit, name).__doc__, f"{name} has a docstring"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", sorted((ROOT / "modules").glob("*.ipynb")), ids=lambda p: p.name)
def test_module_notebooks_are_thin_and_every_section_names_its_guidance(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("title"), "a page title for Voila"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "\n" not in cell.source.strip(), f"one line per code cell: {cell.source!r}"
        elif cell.source.startswith("## "):
            guidance = cell.metadata.get("coursekit", {}).get("guidance", [])
            assert guidance, f"section {cell.source.splitlines()[0]!r} names its guidance IDs"
            assert set(guidance) <= guidance_ids()


@pytest.mark.parametrize(
    "path", sorted((ROOT / "solutions").rglob("*.ipynb")), ids=lambda p: p.parent.name
)
def test_every_source_cell_carries_nbgrader_metadata(path: Path) -> None:
    """The sanitizer keeps only cells the source had, so every source cell needs an id."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        assert cell.metadata.get("nbgrader", {}).get("grade_id"), cell.source[:60]
    exercise = path.stem
    assert (path.parent / f"{exercise}.vragen.yaml").exists()


def test_voila_serves_safely_and_in_dutch() -> None:
    config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True
    assert voila["show_tracebacks"] is False
    assert voila["template"] == "coursekit"
    assert config["Voila"]["ip"] == "127.0.0.1"
    assert config["VoilaExporter"]["language_code"] == "nl"
    # Fast first paint: a pre-started kernel per module, notebook already run.
    assert voila["preheat_kernel"] is True
    assert config["VoilaKernelManager"]["kernel_pools_config"]["default"]["pool_size"] >= 1
    # A burst of visitors must not leave pages without widgets (nbclient waits 4 s by default).
    assert config["VoilaExecutor"]["iopub_timeout"] >= 30
    # A closed tab leaves its kernel running (voila#1458): idle kernels are culled.
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_interval"] > 0
    # Kernels started at once cannot collide on a TCP port.
    assert config["KernelManager"]["transport"] == "ipc"


def test_the_guidance_copy_matches_the_shared_guidance() -> None:
    shared = ROOT.parent / "shared" / "guidance" / "points.yaml"
    if not shared.exists():
        pytest.skip("no shared/ folder beside this checkout")
    packaged = ROOT / "coursekit" / "data" / "guidance_points.yaml"
    assert packaged.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_the_check_command_validates_banks_and_facts(capsys: pytest.CaptureFixture[str]) -> None:
    from coursekit.cli import main

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    for name in (
        "data/facts.yaml",
        "banks/statements_m6.yaml",
        "banks/scenarios_m6.yaml",
        "banks/facts_m4.yaml",
        "banks/conversations/appje-van-lisa.yaml",
        "banks/statements_*.yaml",
    ):
        assert f"{name}: " in out
    assert out.count(", in orde.") == len(out.strip().splitlines())


def test_every_guidance_point_has_a_dutch_title() -> None:
    from coursekit.content.guidance import guidance_titles

    assert set(guidance_titles()) == set(guidance_ids())


def test_every_string_for_learners_is_used() -> None:
    """Dead text in the catalog would be reviewed and spell-checked for nothing."""

    # Python, and the Jinja templates that read the catalogue (``text.NAME``, ``t.NAME``).
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for pattern in ("*.py", "*.html", "*.j2")
        for p in (ROOT / "coursekit").rglob(pattern)
        if p.parent.name != "text"
    )
    names = [n for catalogue in CATALOGUES for n in dir(catalogue) if n.isupper()]
    unused = [n for n in names if not re.search(rf"\b{n}\b", code)]
    assert unused == []


def test_every_public_function_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in coursekit.__all__ if f"`{name}" not in readme]
    assert missing == []


def test_every_coursekit_command_is_documented_in_the_readme(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from coursekit.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    (choices,) = re.findall(r"\{([\w,-]+)\}", capsys.readouterr().out)[:1]
    commands = set(choices.split(","))
    assert {"check", "grade", "report", "new-exercise", "content-report"} <= commands
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {c for c in commands if f"coursekit {c}" not in readme} == set()


def test_the_accessibility_checklist_names_tests_that_exist() -> None:
    """docs/accessibility.md gives a test as the evidence for most criteria: each file and
    test it names is there, so a renamed or removed test shows here, not in an audit."""
    checklist = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", checklist))
    assert len(named) >= 20, "the checklist names its tests"
    missing = [
        f"{path}::{test}" if test else path
        for path, test in sorted(named)
        if not (ROOT / path).exists()
        or (test and f"def {test}(" not in (ROOT / path).read_text(encoding="utf-8"))
    ]
    assert missing == []
