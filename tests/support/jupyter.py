"""Jupyter in a temporary HOME, never the user's own folders."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.course import BIN


def isolated_jupyter(home: Path) -> None:
    """Jupyter's config, data and runtime folders in ``home``; the venv's bin first on PATH
    (nbgrader runs ``alembic`` from PATH)."""
    os.environ.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / ".local/share/jupyter/runtime"),
        IPYTHONDIR=str(home / ".ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
