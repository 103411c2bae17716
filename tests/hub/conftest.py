"""One real hub for tests/hub, shared by every test that needs real Unix accounts.

Starting a hub, its PostgreSQL and its people costs about a minute on two cores, so the
tests share one (the guide: one hub per test session). Each test takes people of its own
(``people["a"]`` and so on; the comment at ROLES says who is whose) and never assumes what
another test did before it. test_idle.py and test_login.py keep their own small hubs: they
change the hub's settings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.course import copy_course
from tests.support.hub import Hub, local_hub, python_for_everyone, unix_accounts
from tests.support.postgres import postgres_database

# Roles; each is a Unix account ck<random><role>. "s" the course account, "t" a trainer.
# test_hub_cycle.py: volunteers "a", "b", "c", and "x", a name that only ever fails to log
# in. Mijn cursus (test_mijn_cursus.py): "d", "e", "i". Hub pages: "f". Progress: "g", "h".
# Groepsoverzicht (test_group_overview.py): "j" finishes, "k" is halfway, "l" never starts.
# Group management (test_group_management.py): "m".
ROLES = ("s", "t", "a", "b", "c", "x", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m")
VOLUNTEERS = ("a", "b", "c", "x", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m")


@pytest.fixture(scope="session")
def folder() -> Iterator[Path]:
    """Where the accounts' homes, the course and the exchange live: reachable by them all."""
    if os.geteuid() != 0:
        pytest.skip("makes Unix accounts: runs as root (as in CI)")
    made = Path(tempfile.mkdtemp(prefix="ck-hub-", dir="/tmp"))
    made.chmod(0o755)
    (made / "homes").mkdir(mode=0o755)
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)


@pytest.fixture(scope="session")
def people(folder: Path) -> Iterator[dict[str, str]]:
    with unix_accounts(ROLES, folder / "homes") as names:
        yield names


@pytest.fixture(scope="session")
def hub(folder: Path, people: dict[str, str]) -> Iterator[Hub]:
    course = copy_course(folder / "course")
    with (
        postgres_database("gradebook") as gradebook_url,
        local_hub(
            folder,
            course,
            gradebook_url,
            [people["t"]],
            [people[role] for role in VOLUNTEERS],
            service_user=people["s"],
            python=python_for_everyone(folder),
        ) as running,
    ):
        yield running
