"""The second wall: every grading kernel runs in a bubblewrap sandbox with limits.

The first wall is that no learner code runs (``preprocessors.py``, ``submission.py``).
Should a hole in it ever let code through, the kernel that runs it still sees only this:

* the system's programs and libraries, the Python install, the course's virtual
  environment and the ``coursekit`` package, all read-only;
* the one submission folder being graded (its working folder, writable), the sockets of
  its own connection to nbgrader, and a private, small ``/tmp``;
* no network (``--unshare-net``: the kernel talks to nbgrader over Unix sockets, which
  is why grading uses ``transport = "ipc"``), no other process, no capabilities;
* a limit on address space, CPU seconds and file size (bubblewrap sets none), set with
  ``prlimit`` on the sandbox.

``solutions/``, the gradebook, ``submitted/`` and every other submission do not exist in
it. Where bubblewrap is missing or namespaces are blocked (many Kubernetes clusters),
``coursekit grade`` refuses to grade unless the trainer passes ``--geen-sandbox`` or sets
``c.GradingSandbox.enabled = False``; docs/trainers.md says what such a cluster uses instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Int, List, Unicode
from traitlets.config import Configurable

from coursekit.text import trainer

#: Read-only from the system: programs, libraries, and the few files in /etc that Python
#: and glibc read. Nothing else of /etc (no hub configuration, no keys).
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
SYSTEM_FILES = (
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/localtime",
    "/etc/passwd",
    "/etc/group",
    "/etc/nsswitch.conf",
    "/etc/alternatives",
)
#: What the kernel's environment keeps of the grader's; everything else (a database URL
#: with its password, tokens) stays outside.
KEPT_VARIABLES = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONSAFEPATH")


class GradingSandbox(Configurable):
    """Settings of the grading kernels' sandbox, in the course's ``nbgrader_config.py``."""

    enabled = Bool(
        True,
        help="Run every grading kernel in bubblewrap (bwrap) with limits. Turn off only "
        "where the platform isolates grading itself (see docs/trainers.md).",
    ).tag(config=True)
    memory_limit = Int(
        2 * 2**30, help="Address space of a grading kernel, in bytes (prlimit --as)."
    ).tag(config=True)
    cpu_limit = Int(
        120, help="CPU seconds of a grading kernel for one notebook (prlimit --cpu)."
    ).tag(config=True)
    file_size_limit = Int(
        64 * 2**20, help="Largest file a grading kernel may write, in bytes (prlimit --fsize)."
    ).tag(config=True)
    tmp_size = Int(64 * 2**20, help="Size of the kernel's private /tmp, in bytes.").tag(config=True)
    read_only = List(
        Unicode(),
        help="More folders the kernel may read (for software installed elsewhere). Never "
        "the course folder itself.",
    ).tag(config=True)


def software_folders() -> list[Path]:
    """The Python install, the virtual environment and the coursekit package.

    Of a folder on ``sys.path`` outside those (an editable install puts the checkout
    there, beside its ``solutions/``), only its ``coursekit`` package.
    """
    folders = {Path(sys.base_prefix), Path(sys.base_exec_prefix), Path(sys.prefix)}
    folders.add(Path(sys.exec_prefix))
    for entry in sys.path:
        package = Path(entry or ".").resolve() / "coursekit"
        if (package / "__init__.py").is_file():
            folders.add(package)
    return sorted(folders)


def _exists(paths: Iterable[str | Path]) -> list[str]:
    return [str(p) for p in paths if os.path.lexists(p)]


def sandbox_command(
    command: Sequence[str],
    settings: GradingSandbox,
    *,
    workdir: Path,
    writable: Sequence[Path] = (),
    readable: Sequence[Path] = (),
) -> list[str]:
    """``command`` wrapped in prlimit and bwrap; it starts in ``workdir``, which it may write."""
    bwrap, prlimit = shutil.which("bwrap"), shutil.which("prlimit")
    if bwrap is None or prlimit is None:
        raise SandboxError(trainer.SANDBOX_MISSING)
    args = [
        prlimit,
        f"--as={settings.memory_limit}",
        f"--cpu={settings.cpu_limit}",
        f"--fsize={settings.file_size_limit}",
        "--core=0",
        "--",
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        # ipykernel would take the sandbox's init (pid 1) for a dead parent and stop; "1"
        # turns its watch off (--die-with-parent ends the kernel with its parent).
        "--setenv",
        "JPY_PARENT_PID",
        "1",
        "--cap-drop",
        "ALL",
        "--hostname",
        "nakijken",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--size",
        str(settings.tmp_size),
        "--tmpfs",
        "/tmp",
        "--size",
        str(settings.tmp_size),
        "--tmpfs",
        "/dev/shm",
    ]
    for folder in _exists(SYSTEM_FOLDERS):
        args += ["--ro-bind", folder, folder]
    for file in _exists(SYSTEM_FILES):
        args += ["--ro-bind", file, file]
    for folder in _exists([*software_folders(), *settings.read_only, *readable]):
        args += ["--ro-bind", folder, folder]
    for place in [workdir, *writable]:
        args += ["--bind", str(place), str(place)]
    # The folders bwrap made for the binds above stay empty and read-only.
    args += ["--remount-ro", "/", "--chdir", str(workdir), "--", *command]
    return args


class SandboxError(Exception):
    """The sandbox cannot be used; the message is a Dutch sentence for the trainer."""


def exposed_course(course: Path, settings: GradingSandbox) -> Path | None:
    """A read-only folder that holds the course folder (and so the key), if any."""
    course = course.resolve()
    system = [Path(folder) for folder in SYSTEM_FOLDERS]
    for folder in [*system, *software_folders(), *map(Path, settings.read_only)]:
        folder = folder.resolve()
        if course == folder or folder in course.parents:
            return folder
    return None


def problem(course: Path, settings: GradingSandbox) -> str | None:
    """Why grading kernels cannot run sandboxed here, in Dutch; None if they can.

    Starts the course's Python in the sandbox once and imports coursekit, as a kernel will.
    """
    exposing = exposed_course(course, settings)
    if exposing is not None:
        return trainer.SANDBOX_EXPOSES_COURSE.format(folder=exposing, course=course)
    with tempfile.TemporaryDirectory(prefix="coursekit-sandbox-") as folder:
        try:
            command = sandbox_command(
                [sys.executable, "-c", "import coursekit"], settings, workdir=Path(folder)
            )
        except SandboxError as exc:
            return str(exc)
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=60, check=False, env=_clean_env({})
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return trainer.SANDBOX_BROKEN.format(detail=str(exc)[:200])
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        return trainer.SANDBOX_BROKEN.format(detail=(lines or ["?"])[-1][:200])
    return None


def _clean_env(env: dict[str, str]) -> dict[str, str]:
    kept = {name: env[name] for name in KEPT_VARIABLES if name in env}
    kept.setdefault("PATH", os.environ.get("PATH", "/usr/bin:/bin"))
    kept.update(HOME="/tmp", TMPDIR="/tmp", IPYTHONDIR="/tmp/.ipython", PYTHONSAFEPATH="1")
    return kept


class SandboxedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, starting its kernel in :func:`sandbox_command`.

    nbgrader's Execute preprocessor (nbclient) uses it through
    ``ExecutePreprocessor.kernel_manager_class``; the kernel works in the folder nbclient
    passes as ``cwd`` (the submission being graded) and talks over Unix sockets in the
    folder of ``KernelManager.ip``, which holds this kernel's sockets only.
    """

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if self.transport != "ipc":
            raise SandboxError(trainer.SANDBOX_NEEDS_IPC)
        settings = GradingSandbox(config=self.config)
        workdir = Path(kw.get("cwd") or os.getcwd()).resolve()
        sockets = Path(self.ip).parent
        connection = Path(self.connection_file).resolve()
        kw["env"] = _clean_env(dict(kw.get("env") or os.environ))
        command = sandbox_command(
            kernel_cmd, settings, workdir=workdir, writable=[sockets], readable=[connection]
        )
        await super()._async_launch_kernel(command, **kw)
