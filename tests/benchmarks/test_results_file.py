"""Saved results: read back to the same text, wrong files refused in one sentence."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks import results_file
from benchmarks.common import MachineUse
from benchmarks.grading.__main__ import main as grading_main
from benchmarks.hub import doc as hub_doc
from benchmarks.hub.__main__ import main as hub_main
from benchmarks.hub.results import HubResults, Step, Volunteer
from benchmarks.performance_doc import write_section
from benchmarks.voila.results import Learner, LoadCpu, LoadRun, Memory, PageLoad, PageResult


def _hub() -> HubResults:
    step = Step(pss_mb=100.5, cpu_s=2.25, wall_s=3.0)
    return HubResults(
        volunteers=[Volunteer("vrijwilliger1", {"server": step, "lab": step, "active": step})],
        hub_alone={"hub": 110.0, "proxy": 50.0},
        site_mb=40.0,
        idle_per_min=0.5,
        use=MachineUse(load_before=1.0, load_after=2.0, wall=60.0, busy_cores=0.25),
        facts={"kernen (nproc)": "2", "datum": "2026-12-05 10:00 UTC"},
    )


def test_saved_results_read_back_with_their_types(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    page = PageResult("kaal", "kale pagina", failed_hosts={"b.example", "a.example"})
    page.loads.append(
        PageLoad(1.0, 1.0, 1, 0, 1, 1, 1, 1, 1.0, 1.0, 1.0, 1, 1.0, frozenset({"x"}), ("u",))
    )
    memory = Memory(1.0, 1.0, 7, 1.0, 1.0)
    run = LoadRun(
        learners=1,
        results=[Learner(0)],  # never got a page: page_seconds is NaN
        wall=1.0,
        click_window=1.0,
        baseline=memory,
        peak=memory,
        new_kernels=1,
        cpu=LoadCpu(1.0, 1.0, 1.0, 2, 1, 0.5),
        use=MachineUse(1.0),
        samples=[(0.5, 300.0, 7)],
    )

    results_file.save("test", page, path)
    assert json.loads(path.read_text())["results"]["failed_hosts"] == ["a.example", "b.example"]
    again = results_file.load("test", PageResult, path)
    results_file.save("test", run, path)
    loaded = results_file.load("test", LoadRun, path)

    assert again == page
    assert isinstance(again.loads[0].extensions, frozenset)
    assert math.isnan(loaded.results[0].page_seconds)
    assert loaded.samples == [(0.5, 300.0, 7)]
    assert loaded.peak.kernels == 7


def test_from_results_writes_the_same_section_as_the_measured_run(tmp_path: Path) -> None:
    saved, docs = tmp_path / "hub.json", tmp_path / "performance.md"
    results_file.save("hub", _hub(), saved)
    docs.write_text("# Prestaties\n\n## Nakijken: iets anders\n\nblijft staan\n", encoding="utf-8")

    assert hub_main(["--from-results", str(saved), "--write-docs", str(docs)]) == 0
    written = docs.read_text(encoding="utf-8")

    assert "## Nakijken: iets anders\n\nblijft staan\n\n" in written
    assert written.endswith(hub_doc.section(_hub()))


def test_writing_a_section_again_replaces_only_that_section(tmp_path: Path) -> None:
    docs = tmp_path / "performance.md"
    write_section("## A", "## A\n\nvoorheen\n", docs)
    write_section("## B", "## B\n\ntwee\n", docs)
    write_section("## A", "## A\n\ndrie\n", docs)

    text = docs.read_text(encoding="utf-8")
    assert "## A\n\ndrie\n\n## B\n\ntwee\n" in text
    assert "voorheen" not in text


def test_results_of_another_benchmark_are_refused(tmp_path: Path) -> None:
    saved = tmp_path / "hub.json"
    results_file.save("hub", _hub(), saved)

    with pytest.raises(SystemExit, match=r"hub\.json: geen uitkomst van benchmarks\.grading"):
        grading_main(["--from-results", str(saved)])


def test_a_damaged_file_is_named_with_the_field_that_is_wrong(tmp_path: Path) -> None:
    saved = tmp_path / "hub.json"
    results_file.save("hub", _hub(), saved)
    document = json.loads(saved.read_text())
    document["results"]["volunteers"][0]["steps"]["lab"]["pss_mb"] = "veel"
    saved.write_text(json.dumps(document))

    with pytest.raises(SystemExit, match=r"hub\.json: .* bij volunteers\.0\.steps\.lab\.pss_mb"):
        hub_main(["--from-results", str(saved)])
    saved.write_text("{ kapot")
    with pytest.raises(SystemExit, match=r"hub\.json: geen JSON"):
        hub_main(["--from-results", str(saved)])
