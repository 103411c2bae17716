"""Groep beheren and Logboek: the group itself, without editing files (issue 18).

``<root>/groep`` lists the volunteers (the gradebook's students, the register of the group,
and what the hub knows of their login) with a form to add one and, per volunteer, *Nieuw
wachtwoord*, *Verwijderen* (login off, data kept) and *Wissen* (everything, after typing the
name). What needs root (Unix accounts, passwords, the hub's users) the course service asks
of the hub (:mod:`coursekit.hub_group`, with its own token); what is the course's (the
gradebook, the course folder's folders, the progress rows, feedback in the exchange) it does
itself, as the course account. A step that fails is named on the page with the steps that
were done; every action is logged (``trainersacties.jsonl``) with who and when, and
``<root>/logboek`` shows that log, newest first.

Kept on purpose after an erasure: the record of issued certificates (an organisation must
be able to check a certificate it issued) and the action log (who erased whom, and when).
Without a hub (one machine) adding and erasing touch only the course's own data.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from coursekit.groepsoverzicht.base import TrainerHandler
from coursekit.overview.actions import read_actions
from coursekit.text import trainer

LOCAL = ZoneInfo("Europe/Amsterdam")
#: coursekit.hub_group.API_PATH below the hub's API (the hub may not be imported here).
HUB_PATH = "coursekit/vrijwilligers"
_MAX_FIELD = 100


class HubRefused(Exception):
    """The hub said no, could not be reached, or stopped half-way; the message is one Dutch
    sentence, ``done`` what the hub did before it stopped (``{}``: nothing)."""

    def __init__(self, message: str, reason: str = "", done: dict[str, Any] | None = None):
        super().__init__(message)
        self.reason = reason
        self.done = dict(done or {})


@dataclass
class Outcome:
    """What an action did and did not do, for the page and the log."""

    message: str = ""
    password: str = ""
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def hub_api() -> tuple[str, str] | None:
    """The hub's API URL and this service's token, or None when it does not run on a hub."""
    url = os.environ.get("JUPYTERHUB_API_URL")
    token = os.environ.get("JUPYTERHUB_API_TOKEN")
    return (url.rstrip("/"), token) if url and token else None


async def ask_hub(method: str, name: str = "", body: dict[str, Any] | None = None) -> Any:
    """Call :mod:`coursekit.hub_group` in the hub; its JSON answer, or :class:`HubRefused`."""
    api = hub_api()
    if api is None:
        raise HubRefused(trainer.GB_NO_HUB)
    url, token = api
    target = f"{url}/{HUB_PATH}" + (f"/{quote(name, safe='')}" if name else "")
    request = HTTPRequest(
        target,
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        body=None if body is None else json.dumps(body),
        request_timeout=120,
    )
    try:
        response = await AsyncHTTPClient().fetch(request)
    except HTTPClientError as error:
        answer = _json(error.response.body if error.response else b"")
        message = answer.get("fout") or trainer.GB_HUB_UNREACHABLE.format(reason=error.code)
        done = answer.get("gedaan") if isinstance(answer.get("gedaan"), dict) else {}
        raise HubRefused(str(message), str(answer.get("reden", "")), done) from None
    except OSError as error:
        raise HubRefused(trainer.GB_HUB_UNREACHABLE.format(reason=error.strerror)) from None
    return _json(response.body)


def _json(data: bytes) -> dict[str, Any]:
    try:
        found = json.loads(data or b"{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _gradebook_students(db_url: str) -> dict[str, str]:
    """Every student in the gradebook: id -> the name as registered (or "")."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        return {
            s.id: " ".join(p for p in (s.first_name, s.last_name) if p) for s in gradebook.students
        }


def _add_student(db_url: str, student: str, first: str, last: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student(student, first_name=first, last_name=last or None)


def _remove_student(db_url: str, student: str) -> bool:
    """Remove a student with their submissions and grades; False when there was none."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gradebook:
        try:
            gradebook.remove_student(student)
        except MissingEntry:
            return False
    return True


def _course(course_dir: Path) -> Any:
    from nbgrader.coursedir import CourseDirectory

    from coursekit.grading.config import load_config

    return CourseDirectory(config=load_config(course_dir, missing=trainer.OV_NO_CONFIG))


def _student_folders(course: Any, student: str) -> list[Path]:
    """The student's folders in ``submitted/``, ``autograded/`` and ``feedback/``."""
    found = []
    for step in (course.submitted_directory, course.autograded_directory):
        found.append(Path(course.format_path(step, student, ".")).resolve())
    found.append(Path(course.format_path(course.feedback_directory, student, ".")).resolve())
    root = Path(course.root).resolve()
    return [f for f in found if f.name == student and f.parent.parent == root]


def _exchange_feedback(course: Any, exchange: Path, student: str) -> int:
    """Remove the student's released feedback from the exchange (named by a hash of the
    secret in their hand-in, as nbgrader's release_feedback names it); how many files."""
    from nbgrader.utils import notebook_hash

    feedback = Path(course.format_path(course.feedback_directory, student, "."))
    outbound = exchange / str(course.course_id) / "feedback"
    removed = 0
    for html in sorted(feedback.glob("*/*.html")):
        try:
            secret = (html.parent / "submission_secret.txt").read_text(encoding="utf-8")
        except OSError:
            continue
        target = outbound / f"{notebook_hash(secret=secret, notebook_id=html.stem)}.html"
        if target.is_file():
            target.unlink()
            removed += 1
    return removed


def erase_course_data(course_dir: Path, exchange: Path, student: str) -> Outcome:
    """The course's own data of ``student``: exchange feedback, folders, gradebook, progress."""
    from sqlalchemy import create_engine, inspect

    from coursekit.progress import store

    outcome = Outcome()
    course = _course(course_dir)

    def folders() -> None:
        for folder in _student_folders(course, student):
            if folder.is_dir():
                shutil.rmtree(folder)

    steps: list[tuple[str, Callable[[], object]]] = [
        (trainer.GB_STEP_FEEDBACK, lambda: _exchange_feedback(course, exchange, student)),
        (trainer.GB_STEP_FOLDERS, folders),
        (trainer.GB_STEP_GRADEBOOK, lambda: _remove_student(str(course.db_url), student)),
    ]
    for text, step in steps:
        try:
            step()
            outcome.done.append(text)
        except Exception as error:  # each step on its own: the page names what failed
            outcome.failed.append(f"{text} ({_reason(error)})")
    try:
        engine = create_engine(str(course.db_url))
        try:
            if inspect(engine).has_table(store.TABLE):
                store.forget(engine, student)
        finally:
            engine.dispose()
        outcome.done.append(trainer.GB_STEP_PROGRESS)
    except Exception as error:
        outcome.failed.append(f"{trainer.GB_STEP_PROGRESS} ({_reason(error)})")
    return outcome


def _reason(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _field(handler: web.RequestHandler, name: str) -> str:
    return handler.get_body_argument(name, "").strip()[:_MAX_FIELD]


class GroupPage(TrainerHandler):
    """The list, the add form, and the outcome of the last action (shown once)."""

    async def _volunteers(self) -> tuple[list[dict[str, Any]], str]:
        """The group's volunteers with their login state; and a sentence when the hub is
        not there or does not answer."""
        course = await asyncio.to_thread(_course, self.course_dir)
        students = await asyncio.to_thread(_gradebook_students, str(course.db_url))
        notice = ""
        hub: dict[str, dict[str, Any]] = {}
        try:
            answer = await ask_hub("GET")
            hub = {v["naam"]: v for v in answer.get("vrijwilligers", [])}
        except HubRefused as refused:
            notice = str(refused)
        rows = []
        for name in sorted(set(students) | set(hub)):
            state = hub.get(name)
            if hub_api() is None:
                login = ""
            elif state is None or not state.get("account"):
                login = "geen account"
            elif not state.get("hub"):
                login = "inloggen uit"
            elif state.get("dicht"):
                login = "nog geen wachtwoord"
            else:
                login = "kan inloggen"
            rows.append(
                {
                    "id": name,
                    "name": students.get(name) or "",
                    "registered": name in students,
                    "login": login,
                    "active": bool(state and state.get("actief")),
                }
            )
        return rows, notice

    async def show(
        self,
        status: int = 200,
        outcome: Outcome | None = None,
        error: str = "",
        form: dict[str, str] | None = None,
    ) -> None:
        try:
            rows, notice = await self._volunteers()
        except Exception as exc:  # gradebook unreadable: say so, keep the forms
            rows, notice = [], trainer.GB_GRADEBOOK_FAILED.format(reason=_reason(exc))
        self.page(
            "groep.html",
            status=status,
            nav="groep",
            rows=rows,
            notice=notice,
            on_hub=hub_api() is not None,
            outcome=outcome,
            error=error,
            form=form or {},
        )

    @web.authenticated
    async def get(self) -> None:
        await self.show()


class AddHandler(GroupPage):
    @web.authenticated
    async def post(self) -> None:
        name, first, last = (
            _field(self, "naam"),
            _field(self, "voornaam"),
            _field(self, "achternaam"),
        )
        form = {"naam": name, "voornaam": first, "achternaam": last}
        if not name:
            await self.show(400, error=trainer.GB_NEED_NAME, form=form)
            return
        if not first:
            await self.show(400, error=trainer.GB_NEED_FIRST_NAME, form=form)
            return
        outcome = Outcome()
        already = False
        if hub_api() is not None:
            try:
                answer = await ask_hub(
                    "POST", name, {"actie": "toevoegen", "door": self.trainer_name}
                )
                outcome.password = str(answer.get("wachtwoord", ""))
                outcome.done.append(trainer.GB_STEP_ADD_HUB)
            except HubRefused as refused:
                if refused.reason != "bestaat-al":
                    await self.show(400, error=str(refused), form=form)
                    return
                # Already on the hub (users.yaml, or a double click): register the name.
                already = True
        elif not _plain_name(name):
            await self.show(400, error=trainer.GB_BAD_NAME.format(name=name), form=form)
            return
        course = await asyncio.to_thread(_course, self.course_dir)
        try:
            await asyncio.to_thread(_add_student, str(course.db_url), name, first, last)
            outcome.done.append(trainer.GB_STEP_ADD_GRADEBOOK)
        except Exception as exc:
            outcome.failed.append(trainer.GB_GRADEBOOK_FAILED.format(reason=_reason(exc)))
        if outcome.ok:
            message = trainer.GB_ADDED if hub_api() else trainer.GB_ADDED_NO_HUB
            outcome.message = (trainer.GB_REGISTERED if already else message).format(name=name)
        self.record_action(
            "toevoegen",
            student=name,
            detail=_detail(outcome, trainer.GB_DETAIL_ADD.format(name=f"{first} {last}".strip())),
        )
        await self.show(200 if outcome.ok else 500, outcome=outcome)


def _hub_steps(done: dict[str, Any]) -> list[str]:
    """What the hub did before it stopped, in the page's words."""
    steps = []
    if done.get("hub_verwijderd"):
        steps.append(trainer.GB_STEP_HUB)
    if done.get("uitwisselmap"):
        steps.append(trainer.GB_STEP_EXCHANGE.format(count=done["uitwisselmap"]))
    return steps


def _plain_name(name: str) -> bool:
    """Without a hub: a name nbgrader can use as a folder (the hub checks the full rule)."""
    return name == name.lower() and not any(c in name for c in "/\\ .+*?[]") and len(name) <= 32


def _detail(outcome: Outcome, done: str) -> str:
    if outcome.ok:
        return done
    return trainer.GB_DETAIL_ERASE_PARTLY.format(
        done=", ".join(outcome.done) or "-", failed=", ".join(outcome.failed)
    )


class PasswordHandler(GroupPage):
    @web.authenticated
    async def post(self, name: str) -> None:
        try:
            answer = await ask_hub("POST", name, {"actie": "wachtwoord", "door": self.trainer_name})
        except HubRefused as refused:
            await self.show(400, error=str(refused))
            return
        outcome = Outcome(
            message=trainer.GB_PASSWORD_SET.format(name=name),
            password=str(answer.get("wachtwoord", "")),
        )
        self.record_action("wachtwoord", student=name, detail=trainer.GB_DETAIL_PASSWORD)
        await self.show(outcome=outcome)


class RemoveHandler(GroupPage):
    @web.authenticated
    async def post(self, name: str) -> None:
        try:
            answer = await ask_hub(
                "POST", name, {"actie": "verwijderen", "door": self.trainer_name}
            )
        except HubRefused as refused:
            if not refused.done:
                await self.show(400, error=str(refused))
                return
            # Half-way: the hub user is gone, the Unix login is not locked.
            outcome = Outcome(done=_hub_steps(refused.done), failed=[str(refused)])
            self.record_action("verwijderen", student=name, detail=_detail(outcome, ""))
            await self.show(500, outcome=outcome)
            return
        outcome = Outcome(message=trainer.GB_REMOVED.format(name=name))
        if answer.get("in_users_yaml"):
            outcome.message += " " + trainer.GB_ALSO_USERS_YAML.format(name=name)
        self.record_action("verwijderen", student=name, detail=trainer.GB_DETAIL_REMOVE)
        await self.show(outcome=outcome)


class EraseHandler(GroupPage):
    """``groep/<naam>/wissen``: a page that asks to type the name, then everything at once."""

    async def _known(self, name: str) -> bool:
        rows, _notice = await self._volunteers()
        return any(row["id"] == name for row in rows)

    @web.authenticated
    async def get(self, name: str) -> None:
        if not await self._known(name):
            raise web.HTTPError(404, trainer.GB_UNKNOWN_VOLUNTEER.format(name=name))
        self.page("groep-wissen.html", nav="groep", student=name, error="")

    @web.authenticated
    async def post(self, name: str) -> None:
        typed = _field(self, "bevestiging")
        if typed != name:
            self.page(
                "groep-wissen.html",
                status=400,
                nav="groep",
                student=name,
                error=trainer.GB_CONFIRM_MISMATCH.format(typed=typed, name=name),
            )
            return
        course = await asyncio.to_thread(_course, self.course_dir)
        students = await asyncio.to_thread(_gradebook_students, str(course.db_url))
        outcome = Outcome()
        if hub_api() is not None:
            try:
                answer = await ask_hub("POST", name, {"actie": "wissen", "door": self.trainer_name})
                outcome.done += [trainer.GB_STEP_HUB, trainer.GB_STEP_ACCOUNT]
                if answer.get("thuismap"):
                    outcome.done.append(trainer.GB_STEP_HOME)
                else:
                    outcome.failed.append(trainer.GB_HOME_KEPT.format(name=name))
                if answer.get("in_users_yaml"):
                    outcome.failed.append(trainer.GB_ALSO_USERS_YAML.format(name=name))
            except HubRefused as refused:
                if refused.done:
                    # Half-way on the hub: say so, and still erase the course's own data
                    # (erasing again later finishes the hub's part).
                    outcome.done += _hub_steps(refused.done)
                    outcome.failed.append(str(refused))
                # No account on the server: the course's own data is still to erase.
                elif not (refused.reason == "geen-account" and name in students):
                    await self.show(400, error=str(refused))
                    return
        elif name not in students:
            raise web.HTTPError(404, trainer.GB_UNKNOWN_VOLUNTEER.format(name=name))
        exchange = Path(os.environ.get("COURSEKIT_EXCHANGE") or _exchange(self.course_dir))
        course_part = await asyncio.to_thread(erase_course_data, self.course_dir, exchange, name)
        outcome.done += course_part.done
        outcome.failed += course_part.failed
        if outcome.ok:
            outcome.message = trainer.GB_ERASED.format(name=name)
        detail = trainer.GB_DETAIL_ERASE.format(done=", ".join(outcome.done))
        self.record_action("wissen", student=name, forced=True, detail=_detail(outcome, detail))
        await self.show(200 if outcome.ok else 500, outcome=outcome)


def _exchange(course_dir: Path) -> Path:
    from coursekit.grading.config import load_config
    from coursekit.overview.gather import exchange_root

    return exchange_root(load_config(course_dir, missing=trainer.OV_NO_CONFIG))


class LogPage(TrainerHandler):
    @web.authenticated
    def get(self) -> None:
        actions = list(reversed(read_actions(self.course_dir)))
        entries = [
            {
                "when": a.at.astimezone(LOCAL).strftime("%d-%m-%Y %H:%M"),
                "iso": a.at.isoformat(),
                "by": a.by,
                "action": a.action,
                "student": a.student or "",
                "assignment": a.assignment or "",
                "forced": a.forced,
                "detail": a.detail,
            }
            for a in actions
        ]
        self.page("logboek.html", nav="logboek", entries=entries)


def handlers(root: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The URLs of this part, under ``root`` (no trailing slash)."""
    name = r"([^/]+)"
    return [
        (f"{root}/groep", GroupPage),
        (f"{root}/groep/toevoegen", AddHandler),
        (f"{root}/groep/{name}/wachtwoord", PasswordHandler),
        (f"{root}/groep/{name}/verwijderen", RemoveHandler),
        (f"{root}/groep/{name}/wissen", EraseHandler),
        (f"{root}/logboek", LogPage),
    ]
