"""coursekit.hub_permissions and ``coursekit hub-permissions``: the data for the course account.

Run as root (as the tests do, also in CI) with a throwaway account as the course account;
tests/hub/test_hub_cycle.py proves with real volunteer accounts that they cannot read what
these modes keep from them.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.hub_permissions import HubLayout, apply, problems
from tests.support.course import copy_course
from tests.support.hub import unix_accounts

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="sets owners: runs as root")


@pytest.fixture(scope="module")
def owner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course account: made for these tests, alone in its group."""
    with unix_accounts(("s",), tmp_path_factory.mktemp("homes")) as names:
        yield names["s"]


def _layout(tmp_path: Path, owner: str) -> HubLayout:
    course = copy_course(tmp_path / "course", skip=("tests", "docs", "benchmarks", "modules"))
    return HubLayout(course, tmp_path / "exchange", "steun-bij-stalking", owner, ("root",))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_plain_checkout_exposes_the_key_and_is_refused(tmp_path: Path, owner: str) -> None:
    layout = _layout(tmp_path, owner)
    found = problems(layout)
    solutions = layout.course_dir / "solutions"
    assert f"{solutions} is niet van het cursusaccount {owner}." in found
    assert any(
        str(layout.course_dir / "submitted") in line and "ontbreekt" in line for line in found
    )
    assert any(str(layout.exchange) in line for line in found)


def test_apply_gives_the_data_to_the_course_account_and_leaves_the_software_readable(
    tmp_path: Path,
    owner: str,
) -> None:
    layout = _layout(tmp_path, owner)
    (layout.course_dir / "coursekit" / "open.py").touch(mode=0o666)
    (layout.course_dir / "coursekit" / "open.py").chmod(0o666)
    apply(layout)
    assert problems(layout) == []
    uid = pwd.getpwnam(owner).pw_uid
    for name in ("solutions", "submitted", "autograded", "feedback", "reports"):
        folder = layout.course_dir / name
        assert folder.stat().st_uid == uid and _mode(folder) == 0o700, name
    assert not (layout.course_dir / ".git").exists(), "a missing .git is not made"
    assert _mode(layout.course_dir / "coursekit" / "open.py") == 0o644
    assert _mode(layout.course_dir / "deploy" / "jupyterhub" / "volunteer") & 0o005 == 0o005
    modes = {folder.name: _mode(folder) for folder, _ in layout.exchange_folders()}
    assert modes == {
        "exchange": 0o1777,
        "steun-bij-stalking": 0o755,
        "outbound": 0o755,
        "inbound": 0o3733,
        "feedback": 0o711,
    }
    assert layout.exchange.stat().st_uid == 0


def _symlinked_feedback(course: Path) -> None:
    (course / "feedback").rename(course / "oud")
    (course / "feedback").symlink_to(course / "oud")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda c: (c / "solutions").chmod(0o755), "leesbaar voor anderen"),
        (lambda c: (c / "coursekit" / "hub.py").chmod(0o666), "beschrijfbaar voor anderen"),
        (lambda c: c.chmod(0o777), "beschrijfbaar voor anderen"),
        (_symlinked_feedback, "snelkoppeling"),
    ],
    ids=["open-key", "writable-code", "writable-course-dir", "symlinked-data"],
)
def test_each_way_to_expose_the_data_is_found(
    tmp_path: Path, owner: str, change: object, says: str
) -> None:
    layout = _layout(tmp_path, owner)
    apply(layout)
    change(layout.course_dir)  # type: ignore[operator]
    assert any(says in line for line in problems(layout))


def test_an_exchange_root_opened_by_nbgrader_is_found(tmp_path: Path, owner: str) -> None:
    layout = _layout(tmp_path, owner)
    apply(layout)
    layout.exchange.chmod(0o777)  # what nbgrader's release sets: no sticky bit
    assert any("hoort 1777" in line for line in problems(layout))


def test_the_command_sets_then_checks_in_dutch(
    tmp_path: Path, owner: str, capsys: pytest.CaptureFixture[str]
) -> None:
    layout = _layout(tmp_path, owner)
    users = tmp_path / "users.yaml"
    users.write_text("trainers: [trainer1]\nvolunteers: [anna]\n", encoding="utf-8")
    common = [
        "hub-permissions",
        f"--cursusmap={layout.course_dir}",
        f"--uitwisselmap={layout.exchange}",
        f"--eigenaar={owner}",
        f"--gebruikers={users}",
    ]
    assert main([*common, "--controleer"]) == 1
    assert "coursekit hub-permissions" in capsys.readouterr().err
    assert main(common) == 0
    assert "De rechten kloppen" in capsys.readouterr().out
    assert main([*common, "--eigenaar=bestaat-niet"]) == 1
    assert "bestaat-niet' bestaat niet" in capsys.readouterr().err


def test_the_hub_refuses_to_start_while_the_key_is_readable(tmp_path: Path, owner: str) -> None:
    layout = _layout(tmp_path, owner)
    users = tmp_path / "users.yaml"
    users.write_text("trainers: [trainer1]\n", encoding="utf-8")
    config = layout.course_dir / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    env = {
        **os.environ,
        "COURSEKIT_GRADEBOOK_URL": "postgresql+psycopg://x@/gb",
        "COURSEKIT_COURSE_DIR": str(layout.course_dir),
        "COURSEKIT_EXCHANGE": str(layout.exchange),
        "COURSEKIT_HUB_USERS": str(users),
        "COURSEKIT_SERVICE_USER": owner,
    }
    script = (
        "import runpy; from traitlets.config import Config; "
        f"runpy.run_path({str(config)!r}, init_globals={{'get_config': Config}})"
    )
    run = [sys.executable, "-c", script]
    refused = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert "De hub start niet" in refused.stderr
    assert f"{layout.course_dir / 'solutions'} is niet van het cursusaccount" in refused.stderr
    assert "Traceback" not in refused.stderr
    apply(layout)
    started = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr


def test_someone_else_in_the_course_accounts_group_is_found(tmp_path: Path, owner: str) -> None:
    layout = _layout(tmp_path, owner)
    apply(layout)
    group = grp.getgrgid(pwd.getpwnam(owner).pw_gid).gr_name
    name = "ckgrp" + str(os.getpid() % 10000)
    subprocess.run(["useradd", "--no-create-home", "--gid", group, name], check=True)
    try:
        assert any(name in line and group in line for line in problems(layout))
    finally:
        subprocess.run(["userdel", name], check=False)
