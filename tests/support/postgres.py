"""A throwaway PostgreSQL server from Debian's packages, for tests that need a real one."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the postgres user when we are root (PostgreSQL refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextmanager
def postgres_database(name: str = "gradebook") -> Iterator[str]:
    """Start a cluster on a Unix socket in a fresh folder; yield an SQLAlchemy URL to ``name``."""
    bindir = _bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL ontbreekt: apt-get install postgresql (make test doet dat als root)"
        )
    folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))  # short: socket paths are limited
    data = folder / "data"
    try:
        folder.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
        _run(_as_postgres([*initdb, "--encoding=UTF8", "--locale=C.UTF-8"]))
        options = f"-k {folder} -c listen_addresses='' -c fsync=off"
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data)]
        _run(_as_postgres([*pg_ctl, "-o", options, "-w", "-l", str(folder / "log"), "start"]))
        try:
            _run([str(bindir / "createdb"), "-h", str(folder), "-U", "postgres", name])
            yield f"postgresql+psycopg://postgres@/{name}?host={folder}"
        finally:
            subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "stop"]), check=False, timeout=120)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
