"""The strict tooling of pyproject.toml holds for the whole package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.course import ROOT

BIN = Path(sys.executable).parent
SOURCES = ["coursekit", "tests", "nbgrader_config.py", "voila.py", "deploy", "benchmarks"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    lint = _run(str(BIN / "ruff"), "check", *SOURCES)
    assert lint.returncode == 0, lint.stdout
    style = _run(str(BIN / "ruff"), "format", "--check", *SOURCES)
    assert style.returncode == 0, style.stdout


def test_mypy_strict_finds_nothing() -> None:
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout
