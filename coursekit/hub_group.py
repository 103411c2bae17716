"""Managing the group from the trainers' pages: the privileged part, inside the hub (issue 18).

The hub runs as root (PAM login, LocalProcessSpawner: every volunteer is a Unix account).
The trainers' pages run in the course service, as the course account, which may not make
or remove accounts. So the actions that need root run here, in the hub process, behind the
hub's own token and scope check: only a token with :data:`SCOPE` (the course service's role,
set in :func:`coursekit.hub.configure`) may call them. The course service asks; the hub
decides, and refuses anything that is not a volunteer of this course.

Under ``<hub>/api/coursekit/vrijwilligers`` (:data:`API_PATH`):

- ``GET`` the volunteers the hub knows: hub user, server running, Unix account, login locked;
- ``POST .../<naam>`` with ``{"actie": "toevoegen"}``: a Unix account (``useradd`` in the
  homes folder, home 0700, marked as this course's with its comment field) with a generated
  password, and a hub user, who may log in at once (``allow_existing_users``: no restart);
- ``{"actie": "wachtwoord"}``: a new generated password (``chpasswd``);
- ``{"actie": "verwijderen"}``: the hub user removed, their server stopped, the Unix login
  locked (``usermod --lock``: also after a hub restart that reads users.yaml); data kept;
- ``{"actie": "wissen"}``: also the Unix account, the home folder and the volunteer's own
  files in the exchange (the AVG's right to erasure).

A generated password is in the answer only: never logged, never stored in clear (``chpasswd``
hashes it). Every refusal is one Dutch sentence (``{"fout": ...}``). JupyterHub marks
``extra_handlers`` as deprecated (since 3.1) in favour of services; it still works in 6.1 and
is the one way to act with the hub's own users and servers in the hub's process. A root
service beside the hub is the way out if it goes.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.text import trainer

#: The custom scope (``c.JupyterHub.custom_scopes``) that may call these handlers.
SCOPE = "custom:coursekit:groep"
#: The role with that scope; only the course service has it.
ROLE = "coursekit-groep"
#: Below the hub's prefix (``/hub/``).
API_PATH = "/api/coursekit/vrijwilligers"
ACTIONS = ("toevoegen", "wachtwoord", "verwijderen", "wissen")
#: The uids of people's accounts (Debian's UID_MIN and UID_MAX); outside: system accounts
#: such as ``daemon`` (1) and ``nobody`` (65534).
FIRST_UID = 1000
LAST_UID = 60000
#: Unix names are at most 32 characters (useradd).
MAX_NAME = 32
#: Generated passwords: four groups of four from letters and digits that are not mixed up
#: when read aloud or copied by hand (no 0/O, 1/l/I).
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def marker(course_id: str) -> str:
    """The comment field of an account this course made (``useradd --comment``)."""
    return f"coursekit {course_id}"


def new_password() -> str:
    return "-".join("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))


@dataclass(frozen=True)
class GroupPolicy:
    """Who may be managed here: the course's volunteers, never anyone else on the machine."""

    course_id: str
    name_rule: Any  # coursekit.hub._USERNAME (a compiled pattern)
    homes: Path
    exchange: Path
    trainers: frozenset[str] = frozenset()
    volunteers: frozenset[str] = frozenset()  # users.yaml
    protected: frozenset[str] = field(default_factory=lambda: frozenset({"root"}))

    def account(self, name: str) -> pwd.struct_passwd | None:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            return None

    def ours(self, entry: pwd.struct_passwd) -> bool:
        """A volunteer account of this course: in users.yaml, or made here."""
        return entry.pw_name in self.volunteers or entry.pw_gecos == marker(self.course_id)

    def refusal(self, name: str, action: str, *, trainers_now: Iterable[str] = ()) -> str | None:
        """Why ``action`` on ``name`` is refused (one Dutch sentence), or None."""
        if action not in ACTIONS:
            return trainer.GB_BAD_ACTION
        if not name or len(name) > MAX_NAME or not self.name_rule.match(name):
            return trainer.GB_BAD_NAME.format(name=name)
        if name in self.trainers or name in set(trainers_now):
            return trainer.GB_IS_TRAINER.format(name=name)
        if name in self.protected:
            return trainer.GB_PROTECTED.format(name=name)
        entry = self.account(name)
        if entry is not None and (
            not FIRST_UID <= entry.pw_uid <= LAST_UID or entry.pw_uid == os.geteuid()
        ):
            return trainer.GB_PROTECTED.format(name=name)
        if action == "toevoegen":
            if entry is not None and not self.ours(entry):
                return trainer.GB_OTHER_ACCOUNT.format(name=name)
            return None
        if entry is None or not self.ours(entry):
            return trainer.GB_NOT_VOLUNTEER.format(name=name)
        return None


async def _run(*command: str, stdin: str | None = None) -> tuple[int, str]:
    """Run a system command; its exit code and its first line of errors (no secrets in it)."""
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await process.communicate(None if stdin is None else stdin.encode())
    lines = err.decode(errors="replace").strip().splitlines()
    return int(process.returncode or 0), (lines[0] if lines else "")


async def make_account(policy: GroupPolicy, name: str) -> None:
    """A Unix account in the homes folder, its home closed to others, marked as ours."""
    home = policy.homes / name
    code, error = await _run(
        "useradd",
        "--create-home",
        "--home-dir",
        str(home),
        "--user-group",
        "--shell",
        "/bin/bash",
        "--comment",
        marker(policy.course_id),
        name,
    )
    if code != 0:
        raise GroupError(trainer.GB_USERADD_FAILED.format(name=name, reason=error))
    home.chmod(0o700)


async def set_password(name: str, password: str) -> None:
    """A new password (chpasswd hashes it; it is never on a command line or in a log)."""
    code, _error = await _run("chpasswd", stdin=f"{name}:{password}\n")
    if code != 0:
        raise GroupError(trainer.GB_PASSWORD_FAILED.format(name=name))


async def lock(name: str) -> None:
    code, error = await _run("usermod", "--lock", name)
    if code != 0:
        raise GroupError(trainer.GB_LOCK_FAILED.format(name=name, reason=error))


def remove_exchange_files(exchange: Path, course_id: str, uid: int, name: str) -> int:
    """The volunteer's own hand-ins in the exchange (named ``<naam>+...`` or theirs); how many."""
    removed = 0
    inbound = exchange / course_id / "inbound"
    try:
        entries = list(os.scandir(inbound))
    except OSError:
        return 0
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.name.split("+")[0] == name or info.st_uid == uid:
            path = Path(entry.path)
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
    return removed


async def erase_account(policy: GroupPolicy, entry: pwd.struct_passwd) -> dict[str, Any]:
    """The exchange's files, the Unix account and (when it is theirs) the home folder."""
    done: dict[str, Any] = {}
    done["uitwisselmap"] = await asyncio.to_thread(
        remove_exchange_files, policy.exchange, policy.course_id, entry.pw_uid, entry.pw_name
    )
    home = Path(entry.pw_dir)
    own_home = (
        home.name == entry.pw_name
        and home.is_dir()
        and not home.is_symlink()
        and home.stat().st_uid == entry.pw_uid
    )
    code, error = await _run("userdel", *(["--remove"] if own_home else []), entry.pw_name)
    if code not in (0, 12):  # 12: the home could not be removed (below)
        message = trainer.GB_USERDEL_FAILED.format(name=entry.pw_name, reason=error)
        raise GroupError(message, done)
    if own_home and home.exists():
        await asyncio.to_thread(shutil.rmtree, home, True)
    done["account"] = True
    done["thuismap"] = own_home and not home.exists()
    return done


class GroupError(Exception):
    """An action that could not be done (one Dutch sentence), with what was done before."""

    def __init__(self, message: str, done: dict[str, Any] | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.done = dict(done or {})
        self.reason = reason  # a code for the course service ("bestaat-al")


def make_handler(policy: GroupPolicy) -> type:
    """The hub-side API handler for ``policy`` (JupyterHub is imported in the hub only)."""
    from jupyterhub.apihandlers.base import APIHandler
    from jupyterhub.utils import maybe_future
    from tornado import web

    class GroupAPIHandler(APIHandler):  # type: ignore[misc]
        """The course service's requests; every answer is JSON, every refusal one sentence."""

        def _allowed(self) -> None:
            if self.current_user is None or SCOPE not in self.expanded_scopes:
                raise web.HTTPError(403, trainer.GB_FORBIDDEN)

        def _answer(self, status: int, **body: Any) -> None:
            self.set_status(status)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps(body, ensure_ascii=False))

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            exception = kwargs.get("exc_info", (None, None, None))[1]
            message = getattr(exception, "log_message", None) or trainer.GB_HUB_ERROR
            self._answer(status_code, fout=message)

        def _trainers_now(self) -> set[str]:
            from jupyterhub import orm

            names = {u.name for u in self.db.query(orm.User).filter(orm.User.admin)}
            group = orm.Group.find(self.db, f"formgrade-{policy.course_id}")
            return names | ({u.name for u in group.users} if group is not None else set())

        def _state(self, name: str, locked: set[str]) -> dict[str, Any]:
            user = self.find_user(name)
            entry = policy.account(name)
            spawner = user.spawner if user is not None else None
            return {
                "naam": name,
                "hub": user is not None,
                "actief": bool(spawner is not None and spawner.active),
                "laatst": user.last_activity.isoformat() + "Z"
                if user is not None and user.last_activity
                else None,
                "account": entry is not None,
                "dicht": entry is not None and entry.pw_name in locked,
            }

        async def get(self, name: str | None = None) -> None:
            self._allowed()
            from jupyterhub import orm

            trainers = self._trainers_now() | set(policy.trainers)
            names = {u.name for u in self.db.query(orm.User)} | set(policy.volunteers)
            names |= {e.pw_name for e in pwd.getpwall() if e.pw_gecos == marker(policy.course_id)}
            if name:
                names = {name}
            listed = sorted(n for n in names - trainers if n not in policy.protected)
            locked = _locked()
            self._answer(200, vrijwilligers=[self._state(n, locked) for n in listed])

        async def post(self, name: str | None = None) -> None:
            self._allowed()
            body = self.get_json_body() or {}
            action = str(body.get("actie", ""))
            name = name or ""
            reason = policy.refusal(name, action, trainers_now=self._trainers_now())
            if reason:
                missing = action != "toevoegen" and policy.account(name) is None
                self._answer(400, fout=reason, reden="geen-account" if missing else "")
                return
            by = str(body.get("door", ""))[:64]
            self.log.info("Groep beheren: %s %s (door %s)", action, name, by or "?")
            try:
                done = await getattr(self, f"_{action}")(name)
            except GroupError as error:
                # Half-way: say what was done before the step that failed.
                self._answer(409, fout=str(error), gedaan=error.done, reden=error.reason)
                return
            self._answer(200, **done)

        async def _toevoegen(self, name: str) -> dict[str, Any]:
            if self.find_user(name) is not None:
                raise GroupError(trainer.GB_ALREADY.format(name=name), reason="bestaat-al")
            made = policy.account(name) is None
            if made:
                await make_account(policy, name)
            password = new_password()
            await set_password(name, password)  # also lifts a lock from an earlier removal
            user = self.user_from_username(name)
            self.db.commit()
            try:
                await maybe_future(self.authenticator.add_user(user))
            except Exception:
                self.users.delete(user)
                raise GroupError(trainer.GB_HUB_USER_FAILED.format(name=name)) from None
            return {"naam": name, "account_gemaakt": made, "wachtwoord": password}

        async def _wachtwoord(self, name: str) -> dict[str, Any]:
            if self.find_user(name) is None:
                raise GroupError(trainer.GB_NOT_IN_HUB.format(name=name))
            password = new_password()
            await set_password(name, password)
            return {"naam": name, "wachtwoord": password}

        async def _remove_hub_user(self, name: str) -> bool:
            user = self.find_user(name)
            if user is None:
                return False
            if user.spawner._stop_pending:
                raise GroupError(trainer.GB_STOPPING.format(name=name))
            if user.running:
                await self.stop_single_user(user)
                if user.spawner._stop_pending:
                    raise GroupError(trainer.GB_STOPPING.format(name=name))
            await maybe_future(self.authenticator.delete_user(user))
            await user.delete_spawners()
            self.users.delete(user)
            return True

        async def _verwijderen(self, name: str) -> dict[str, Any]:
            removed = await self._remove_hub_user(name)
            try:
                await lock(name)
            except GroupError as error:
                raise GroupError(str(error), {"hub_verwijderd": removed}) from None
            return {
                "naam": name,
                "hub_verwijderd": removed,
                "dicht": True,
                "in_users_yaml": name in policy.volunteers,
            }

        async def _wissen(self, name: str) -> dict[str, Any]:
            entry = policy.account(name)
            assert entry is not None  # refusal() checked it
            removed = await self._remove_hub_user(name)
            try:
                done = await erase_account(policy, entry)
            except GroupError as error:
                raise GroupError(str(error), {"hub_verwijderd": removed, **error.done}) from None
            return {
                "naam": name,
                "hub_verwijderd": removed,
                "in_users_yaml": name in policy.volunteers,
                **done,
            }

    return GroupAPIHandler


def _locked() -> set[str]:
    """The accounts whose password is locked or not set (``passwd --status``: L or NP)."""
    try:
        with open("/etc/shadow", encoding="utf-8") as shadow:
            fields = [line.split(":") for line in shadow]
    except OSError:
        return set()
    return {f[0] for f in fields if len(f) > 1 and (f[1].startswith("!") or f[1] in ("", "*"))}


def handlers(policy: GroupPolicy) -> list[tuple[str, type]]:
    """``c.JupyterHub.extra_handlers`` (the hub puts its prefix before them)."""
    handler = make_handler(policy)
    return [(rf"{API_PATH}/?", handler), (rf"{API_PATH}/([^/]+)", handler)]
