"""The second wall: a grading kernel in the sandbox sees only the submission it grades.

No learner code reaches a grading kernel any more (test_grade_security.py), so these tests
play the part of a hole in that first wall: they run code in the kernel the way nbgrader
does (nbclient with the kernel manager ``coursekit grade`` uses). Each attack is first run
in a plain kernel, where it succeeds, so each test can fail.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from traitlets.config import Config

from coursekit.grading.sandbox import GradingSandbox, SandboxedKernelManager, problem
from coursekit.text import trainer
from tests.support.course import ROOT, copy_course
from tests.support.nbgrader import EXERCISE, answer_key, click, nbgrader, submit

pytestmark = pytest.mark.nbgrader

NOTEBOOK = f"{EXERCISE}.ipynb"

PROBE = """
import json, os, pathlib, socket
def attempt(action):
    try:
        action()
        return "gelukt"
    except BaseException as exc:
        return type(exc).__name__
results = {
    name: attempt(lambda p=path: pathlib.Path(p).read_bytes()) for name, path in READ.items()
}
results["netwerk"] = attempt(lambda: socket.create_connection(("127.0.0.1", PORT), 5).close())
results["schrijven-buiten"] = attempt(lambda: pathlib.Path(OUTSIDE).write_text("x"))
results["schrijven-software"] = attempt(lambda: pathlib.Path(SOFTWARE).write_text("x"))
results["schrijven-tmp"] = attempt(lambda: pathlib.Path("/tmp/probe-" + TAG).write_text("x"))
results["schrijven-hier"] = attempt(lambda: pathlib.Path("hier.txt").write_text("x"))
results["geheim"] = os.environ.get("COURSEKIT_TEST_SECRET", "weg")
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course with its key, a gradebook, another volunteer's submission and a staged one."""
    course = copy_course(tmp_path_factory.mktemp("sandbox") / "course")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    click(submit(course, "ander"), answer_key(course))
    staged = course / "autograded" / "cursist" / EXERCISE
    staged.mkdir(parents=True)
    return course


@pytest.fixture
def listener() -> Iterator[int]:
    """A TCP port on the grader's loopback that accepts connections."""
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


def _run(
    course: Path,
    tmp_path: Path,
    cells: list[str],
    *,
    sandboxed: bool,
    limits: dict[str, int] | None = None,
) -> list[str]:
    """Run ``cells`` in a grading kernel working in the staged submission; their stdout."""
    sockets = tmp_path / f"sockets-{len(list(tmp_path.iterdir()))}"
    sockets.mkdir()
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets / "kernel")
    for name, value in (limits or {}).items():
        setattr(config.GradingSandbox, name, value)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    client = NotebookClient(
        nb,
        config=config,
        kernel_manager_class=SandboxedKernelManager if sandboxed else AsyncKernelManager,
        resources={"metadata": {"path": str(course / "autograded" / "cursist" / EXERCISE)}},
        timeout=120,
        allow_errors=True,
        shutdown_kernel="immediate",
    )
    client.execute()
    return ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells]


def _probe(course: Path, tmp_path: Path, port: int, *, sandboxed: bool) -> dict[str, str]:
    tag = "sandbox" if sandboxed else "gewoon"
    read = {
        "sleutel": course / "solutions" / EXERCISE / NOTEBOOK,
        "sleutel-checkout": ROOT / "solutions" / EXERCISE / NOTEBOOK,
        "cijferboek": course / "gradebook.db",
        "andere-inzending": course / "submitted" / "ander" / EXERCISE / NOTEBOOK,
        "configuratie": course / "nbgrader_config.py",
        "buren": tmp_path.parent / "buur.txt",
    }
    setup = (
        f"READ = { ({k: str(v) for k, v in read.items()})!r}\nPORT = {port}\n"
        f"OUTSIDE = {str(course / f'buiten-{tag}.txt')!r}\nTAG = {tag!r}\n"
        f"SOFTWARE = {str(_software_probe(tag))!r}"
    )
    (tmp_path.parent / "buur.txt").write_text("van een andere inzending", encoding="utf-8")
    os.environ["COURSEKIT_TEST_SECRET"] = "wachtwoord"
    try:
        output = _run(course, tmp_path, [setup, PROBE], sandboxed=sandboxed)
    finally:
        del os.environ["COURSEKIT_TEST_SECRET"]
    return dict(json.loads(output[1]))


def _software_probe(tag: str) -> Path:
    """A file in the course's virtual environment, which the kernel must not change."""
    return Path(sys.prefix) / f"probe-{tag}.txt"


ATTACKS = [
    "sleutel",
    "sleutel-checkout",
    "cijferboek",
    "andere-inzending",
    "configuratie",
    "buren",
    "netwerk",
    "schrijven-buiten",
    "schrijven-software",
]


def test_a_plain_kernel_can_do_every_attack(course: Path, tmp_path: Path, listener: int) -> None:
    results = _probe(course, tmp_path, listener, sandboxed=False)
    assert {a: results[a] for a in ATTACKS} == dict.fromkeys(ATTACKS, "gelukt")
    assert results["geheim"] == "wachtwoord"
    (course / "buiten-gewoon.txt").unlink()
    _software_probe("gewoon").unlink()


def test_a_sandboxed_kernel_reads_no_key_gradebook_or_other_submission_and_has_no_network(
    course: Path, tmp_path: Path, listener: int
) -> None:
    results = _probe(course, tmp_path, listener, sandboxed=True)
    reads = [a for a in ATTACKS if a != "schrijven-buiten"]
    assert [a for a in reads if results[a] == "gelukt"] == [], results
    # The course folder is on the sandbox's private /tmp here: a write there is lost.
    assert not (course / "buiten-sandbox.txt").exists()
    assert not _software_probe("sandbox").exists()
    assert results["geheim"] == "weg", "the grader's environment stays outside"


def test_a_sandboxed_kernel_writes_only_in_its_folder_and_a_private_tmp(
    course: Path, tmp_path: Path, listener: int
) -> None:
    results = _probe(course, tmp_path, listener, sandboxed=True)
    assert results["schrijven-hier"] == "gelukt"
    assert results["schrijven-tmp"] == "gelukt"
    assert (course / "autograded" / "cursist" / EXERCISE / "hier.txt").exists()
    assert not Path("/tmp/probe-sandbox").exists()


def test_the_memory_limit_stops_a_runaway_allocation(course: Path, tmp_path: Path) -> None:
    grab = "try:\n    b = bytearray(3 * 2**30)\n    print('gelukt')\nexcept MemoryError:\n"
    grab += "    print('MemoryError')"
    output = _run(course, tmp_path, [grab], sandboxed=True, limits={"memory_limit": 2**30})
    assert output == ["MemoryError\n"]


def test_the_cpu_limit_stops_an_endless_loop(course: Path, tmp_path: Path) -> None:
    with pytest.raises(DeadKernelError):
        _run(course, tmp_path, ["while True:\n    pass"], sandboxed=True, limits={"cpu_limit": 2})


def test_a_missing_bwrap_is_a_dutch_sentence(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert problem(course, GradingSandbox()) == trainer.SANDBOX_MISSING


def test_software_that_holds_the_course_folder_is_refused(course: Path) -> None:
    settings = GradingSandbox(read_only=[str(course.parent)])
    why = problem(course, settings)
    assert why == trainer.SANDBOX_EXPOSES_COURSE.format(folder=course.parent, course=course)


def test_coursekit_grade_refuses_without_a_sandbox_unless_told(
    tmp_path: Path,
) -> None:
    course = copy_course(tmp_path / "course")
    nbgrader(course, "generate_assignment", EXERCISE, "--force")
    click(submit(course, "anna"), answer_key(course))
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}

    def grade(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "coursekit.cli", "grade", EXERCISE, *args]
        return subprocess.run(
            command, cwd=course, env=env, capture_output=True, text=True, timeout=600, check=False
        )

    refused = grade()
    assert refused.returncode == 1
    assert trainer.SANDBOX_MISSING in refused.stdout
    assert not (course / "autograded").exists()
    allowed = grade("--geen-sandbox")
    assert trainer.GRADE_WITHOUT_SANDBOX in allowed.stdout
    assert trainer.GRADE_SUMMARY.format(graded=1, total=1) in allowed.stdout, allowed.stdout
