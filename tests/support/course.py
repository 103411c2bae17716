"""The course checkout the tests run from, and copies of it as git would check it out."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def copy_course(destination: Path, skip: Sequence[str] = ()) -> Path:
    """A copy of the course directory as git would check it out (no state, no venv).

    ``skip`` leaves out more (file or folder name patterns).
    """
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "gradebook.db",
        "feedback_vrijgegeven.jsonl",
        "submitted",
        "autograded",
        "feedback",
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".hypothesis",
        "node_modules",
        "*.antwoorden.json",
        ".ipynb_checkpoints",
        "test-artifacts",
        *skip,
    )
    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination
