"""The pages and the two API calls of Mijn cursus, as jupyter-server handlers.

Every handler needs the server's own login (only its owner, through the hub); every POST
passes jupyter-server's XSRF check (a form's ``_xsrf`` field, or the ``X-XSRFToken``
header from a script). Nothing here starts a kernel. Exchange and progress calls block, so
they run in a thread.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import mistune
from jinja2 import Environment, PackageLoader, select_autoescape
from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from coursekit.content.course import course
from coursekit.content.errors import CourseDataError
from coursekit.content.facts import facts
from coursekit.exercise.questions import Exercise
from coursekit.grading.feedback_data import (
    FeedbackUnreadable,
    dutch_number,
    feedback_path,
    load_feedback,
)
from coursekit.mijn_cursus import exchange, overview, services
from coursekit.mijn_cursus.work import (
    Work,
    exercise_folder,
    locked,
    plain_exercise_name,
    read_work,
    save_work,
)
from coursekit.practice.markup import help_lines_html
from coursekit.progress.client import CertificateState
from coursekit.progress.model import Event, ModuleProgress
from coursekit.text import learner

_ENV = Environment(
    loader=PackageLoader("coursekit.mijn_cursus", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
# The reflection question is the course's own Markdown; HTML in it is shown as text.
_MARKDOWN = mistune.create_markdown(escape=True)
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_ASSET_TYPES = {"mijn-cursus.css": "text/css", "mijn-cursus.js": "text/javascript"}
_ANSWER_FIELD = re.compile(r"^vraag-([A-Za-z0-9_-]{1,40})$")


def render_markdown(text: str) -> str:
    return str(_MARKDOWN(text))


class MijnCursusHandler(JupyterHandler):
    """The page around every page: Dutch, the help lines, Snel weg, Uitloggen; no store."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")
        # Only the course's own script and style, from this server; forms post only here.
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)

    @property
    def home(self) -> Path:
        return Path(self.settings["server_root_dir"]).expanduser().resolve()

    @property
    def base(self) -> str:
        return f"{self.base_url}mijn-cursus/"

    def nbgrader_config(self) -> Any:
        return exchange.load_nbgrader_config(self.home)

    def page(self, template: str, status: int = 200, **context: Any) -> None:
        self.set_status(status)
        hub = self.settings.get("hub_prefix") or "/hub/"
        self.finish(
            _ENV.get_template(template).render(
                base=self.base,
                xsrf=self.xsrf_token.decode("ascii"),
                help_lines=help_lines_html(),
                help_numbers=facts().help_bar_numbers(),
                logout=f"{hub.rstrip('/')}/logout",
                text=learner,
                **context,
            )
        )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        message = learner.MC_NOT_FOUND if status_code == 404 else learner.ERROR_SERVER
        self.finish(
            _ENV.get_template("fout.html").render(
                base=self.base,
                help_lines=help_lines_html(),
                help_numbers=facts().help_bar_numbers(),
                logout="/hub/logout",
                text=learner,
                message=message,
                status=status_code,
            )
        )


async def _in_thread(function: Any, *args: Any) -> Any:
    return await asyncio.to_thread(function, *args)


async def _certificate() -> CertificateState | None:
    """The Bewijs van deelname as the progress service sees it, or None when it cannot."""
    try:
        return cast(CertificateState, await _in_thread(services.my_certificate))
    except services.ProgressDown:
        return None


class OverviewHandler(MijnCursusHandler):
    @web.authenticated
    async def get(self) -> None:
        modules_progress: dict[str, ModuleProgress] | None
        certificate = asyncio.ensure_future(_certificate())  # beside the progress, not after
        try:
            modules_progress = await _in_thread(services.my_progress)
        except services.ProgressDown:
            modules_progress = None
        modules = overview.module_rows(course(), modules_progress)
        rows, exchange_down = await _in_thread(self._exercises)
        graded = [r for r in rows if r.kind == "graded"]
        stored = _stored_rows(modules_progress)
        self.page(
            "mijn-cursus.html",
            modules=modules,
            progress_down=modules_progress is None,
            exercises=rows,
            exchange_down=exchange_down,
            next_step=overview.next_step(modules, rows),
            feedback_ready=learner.MC_FEEDBACK_READY.format(
                titles=", ".join(r.title for r in graded)
            )
            if graded
            else None,
            stored=stored,
            forgotten=self.get_argument("gewist", None),
            certificate=await certificate,
        )

    def _exercises(self) -> tuple[list[overview.ExerciseRow], bool]:
        config = self.nbgrader_config()
        try:
            found = exchange.list_exercises(config)
        except exchange.HandInError as failed:
            self.log.warning("Mijn cursus: de oefeningen niet gevonden: %s", failed)
            return [], True
        # Feedback in the exchange is fetched by itself, so the page can show it.
        fetched_now = False
        for released in found:
            if released.feedback_ready:
                try:
                    exchange.fetch_feedback(config, released.name)
                    fetched_now = True
                except exchange.HandInError as failed:
                    self.log.warning("Mijn cursus: feedback niet opgehaald: %s", failed)
        if fetched_now:
            try:
                found = exchange.list_exercises(config)
            except exchange.HandInError:
                return [], True
        now = exchange.now()
        return [overview.exercise_row(self._facts(config, r), self.base, now) for r in found], False

    def _facts(self, config: Any, released: exchange.Released) -> overview.ExerciseFacts:
        if released.due is None:
            released.due = exchange.due_of(config, self.home, released.name)
        folder = exercise_folder(self.home, released.name)
        title = released.name
        answered = total = 0
        feedback = score = None
        if folder is not None:
            try:
                work = read_work(folder, released.name)
                title, answered, total = work.title, work.answered, work.total
            except CourseDataError:
                work = None
            feedback = feedback_path(folder)
            if feedback is not None:
                score = _score(feedback, work.exercise if work is not None else None)
        else:
            title = exchange_title(config, released.name)
        return overview.ExerciseFacts(released, title, answered, total, score, feedback)


def exchange_title(config: Any, name: str) -> str:
    from coursekit.mijn_cursus.work import read_notebook, title_of

    return title_of(read_notebook(exchange.outbound_folder(config, name), name), name)


def _score(path: Path, exercise: Exercise | None) -> tuple[float, float] | None:
    try:
        feedback = load_feedback(path, exercise)
    except FeedbackUnreadable:
        return None
    return feedback.points, feedback.max_points


def _stored_rows(progress: dict[str, ModuleProgress] | None) -> list[tuple[str, str]]:
    """What the progress service holds, one line per module: (title, what)."""
    if not progress:
        return []
    rows = []
    titles = {m.id: m.title for m in course().modules}
    for module_id, state in progress.items():
        parts = []
        if state.begonnen is not None:
            parts.append(learner.MC_STORED_BEGUN.format(date=overview.dutch_date(state.begonnen)))
        if state.afgerond is not None:
            parts.append(learner.MC_STORED_DONE.format(date=overview.dutch_date(state.afgerond)))
        if state.goed is not None and state.van is not None:
            parts.append(learner.MC_STORED_SCORE.format(goed=state.goed, van=state.van))
        rows.append((titles.get(module_id, module_id), ", ".join(parts)))
    return rows


class ForgetHandler(MijnCursusHandler):
    """'Wat de cursus over je bewaart': a confirmation, then the progress service forgets."""

    @web.authenticated
    def get(self) -> None:
        self.page("vergeet.html")

    @web.authenticated
    async def post(self) -> None:
        try:
            await _in_thread(services.forget_progress)
        except services.ProgressDown:
            self.page("vergeet.html", status=503, error=learner.MC_FORGET_FAILED)
            return
        self.redirect(f"{self.base}?gewist=1#bewaard", status=303)


class CertificateHandler(MijnCursusHandler):
    """``bewijs.pdf``: the Bewijs van deelname from the progress service, as a download."""

    @web.authenticated
    async def get(self) -> None:
        try:
            data = await _in_thread(services.my_certificate_pdf)
        except services.ProgressDown as failed:
            # Refused (not ready, too many): the service's sentence; else: not now.
            if failed.refused is not None:
                self.page("fout.html", status=failed.refused, message=str(failed))
            else:
                self.page("fout.html", status=503, message=learner.MC_CERT_DOWNLOAD_FAILED)
            return
        self.set_header("Content-Type", "application/pdf")
        self.set_header("Content-Disposition", 'attachment; filename="bewijs-van-deelname.pdf"')
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(data)


class ExerciseBase(MijnCursusHandler):
    def folder(self, name: str) -> Path:
        if not plain_exercise_name(name):
            raise web.HTTPError(404)
        folder = exercise_folder(self.home, name)
        if folder is None:
            raise web.HTTPError(404)
        return folder

    def hand_ins(self, name: str) -> tuple[list[datetime], bool, datetime | None]:
        """The hand-in times (oldest first), whether feedback exists, and the due date."""
        config = self.nbgrader_config()
        due = exchange.due_of(config, self.home, name)
        try:
            for released in exchange.list_exercises(config):
                if released.name == name:
                    graded = released.feedback_ready or released.feedback_path is not None
                    folder = exercise_folder(self.home, name)
                    if folder is not None and feedback_path(folder) is not None:
                        graded = True
                    return [t for t, _ in released.hand_ins], graded, released.due or due
        except exchange.HandInError:
            pass
        return [], False, due

    async def show(self, name: str, status: int = 200, **context: Any) -> None:
        folder = self.folder(name)
        try:
            work = read_work(folder, name)
        except CourseDataError as broken:
            self.page(
                "fout.html",
                status=500,
                message=learner.MC_QUESTIONS_BROKEN.format(reason=str(broken)),
            )
            return
        hand_ins, graded, due = await _in_thread(self.hand_ins, name)
        now = exchange.now()
        questions = []
        for number, question in enumerate(work.exercise.questions, start=1):
            kind = question.graded_kind
            if kind.has_options:
                options = [(o.id, f"{o.id}. {o.text}") for o in question.options]
            else:
                options = [(value, text) for value, text in kind.answers]
            questions.append(
                {
                    "id": question.id,
                    "number": number,
                    "label": learner.GRADED_QUESTION.format(number=number),
                    "text": question.text,
                    "quoted": kind.quoted,
                    "question": question.question,
                    "options": options,
                    "chosen": work.answers.get(question.id),
                }
            )
        self.page(
            "oefening.html",
            status=status,
            name=name,
            work=work,
            questions=questions,
            prompt=render_markdown(work.prompt),
            handed_in=overview.dutch_date_time(hand_ins[-1]) if hand_ins else None,
            graded=graded,
            due=overview.dutch_date_time(due) if due else None,
            late=due is not None and now > due,
            saved_count=learner.MC_SAVED_COUNT.format(answered=work.answered, total=work.total),
            **context,
        )


def _answers_from(handler: web.RequestHandler) -> dict[str, str]:
    answers = {}
    for field in handler.request.body_arguments:
        matched = _ANSWER_FIELD.match(field)
        if matched:
            answers[matched.group(1)] = handler.get_body_argument(field)
    return answers


class ExerciseHandler(ExerciseBase):
    @web.authenticated
    async def get(self, name: str) -> None:
        if not plain_exercise_name(name):
            raise web.HTTPError(404)
        if exercise_folder(self.home, name) is None:
            # Opening an exercise fetches it, when it is released to this volunteer.
            failed = await _in_thread(self._fetch, name)
            if failed is not None:
                raise web.HTTPError(404) if failed == "missing" else web.HTTPError(503)
        saved = self.get_argument("bewaard", None) is not None
        await self.show(name, saved=learner.MC_SAVED if saved else None)

    def _fetch(self, name: str) -> str | None:
        config = self.nbgrader_config()
        try:
            names = {r.name for r in exchange.list_exercises(config) if not r.fetched}
        except exchange.HandInError:
            return "down"
        if name not in names:
            return "missing"
        try:
            exchange.fetch(config, name)
        except exchange.HandInError as failed:
            self.log.warning("Mijn cursus: ophalen lukte niet: %s", failed)
            return "down"
        return None

    @web.authenticated
    async def post(self, name: str) -> None:
        folder = self.folder(name)
        answers = _answers_from(self)
        reflection = self.get_body_argument("reflectie", None, strip=False)
        wants_json = "application/json" in self.request.headers.get("Accept", "")
        try:
            work = await _in_thread(save_work, folder, name, answers, reflection)
        except (OSError, CourseDataError) as failed:
            reason = getattr(failed, "strerror", None) or str(failed)
            message = learner.MC_NOT_SAVED.format(reason=reason)
            if wants_json:
                self.set_status(500)
                self.finish({"bewaard": False, "melding": message})
                return
            await self.show(name, status=500, error=message)
            return
        if wants_json:
            self.finish(
                {
                    "bewaard": True,
                    "melding": learner.MC_SAVED_COUNT.format(
                        answered=work.answered, total=work.total
                    ),
                }
            )
            return
        if self.get_body_argument("actie", "") == "inleveren":
            self.redirect(f"{self.base}oefening/{quote(name)}/inleveren", status=303)
            return
        self.redirect(f"{self.base}oefening/{quote(name)}?bewaard=1#bewaard", status=303)


class FetchHandler(ExerciseBase):
    @web.authenticated
    async def post(self, name: str) -> None:
        if not plain_exercise_name(name):
            raise web.HTTPError(404)
        self.redirect(f"{self.base}oefening/{quote(name)}", status=303)


class HandInHandler(ExerciseBase):
    def _open_sentence(self, name: str) -> str:
        work = read_work(self.folder(name), name)
        if work.answered == work.total and work.reflected:
            return learner.MC_OPEN_ALL_DONE.format(total=work.total)
        sentence = learner.MC_OPEN_QUESTIONS.format(answered=work.answered, total=work.total)
        return sentence + (
            learner.MC_OPEN_REFLECTION_DONE
            if work.reflected
            else learner.MC_OPEN_REFLECTION_MISSING
        )

    @web.authenticated
    async def get(self, name: str) -> None:
        folder = self.folder(name)
        work = read_work(folder, name)
        hand_ins, graded, due = await _in_thread(self.hand_ins, name)
        now = exchange.now()
        complete = work.answered == work.total and work.reflected
        self.page(
            "inleveren.html",
            name=name,
            work=work,
            open_sentence=self._open_sentence(name),
            ask=learner.MC_OPEN_ASK_READY if complete else learner.MC_OPEN_ASK,
            late=learner.MC_LATE.format(moment=overview.dutch_date_time(due))
            if due is not None and now > due
            else None,
            closed=graded,
            handed_in=overview.dutch_date_time(hand_ins[-1]) if hand_ins else None,
        )

    @web.authenticated
    async def post(self, name: str) -> None:
        folder = self.folder(name)
        _hand_ins, graded, _due = await _in_thread(self.hand_ins, name)
        if graded:
            await self.show(name, status=409, error=learner.MC_HAND_IN_CLOSED)
            return
        try:
            await _in_thread(self._submit, folder, name)
        except exchange.HandInError as failed:
            self.log.warning("Mijn cursus: inleveren lukte niet: %s", failed)
            await self.show(name, status=503, error=learner.MC_HAND_IN_REFUSED)
            return
        self.redirect(f"{self.base}oefening/{quote(name)}?ingeleverd=1#ingeleverd", status=303)

    def _submit(self, folder: Path, name: str) -> None:
        with locked(folder):  # no half-written notebook is handed in
            exchange.submit(self.nbgrader_config(), name)


class FeedbackHandler(ExerciseBase):
    """The feedback of one exercise, from the JSON block of the newest fetched page."""

    @web.authenticated
    async def get(self, name: str) -> None:
        folder = self.folder(name)
        path = feedback_path(folder)
        try:
            work: Work | None = read_work(folder, name)
        except CourseDataError:
            work = None
        title = work.title if work is not None else name
        if path is None:
            self.page("feedback.html", name=name, title=title, error=learner.MC_FEEDBACK_MISSING)
            return
        try:
            feedback = await _in_thread(
                load_feedback, path, work.exercise if work is not None else None
            )
        except FeedbackUnreadable as unreadable:
            self.page("feedback.html", name=name, title=title, error=str(unreadable))
            return
        self.page(
            "feedback.html",
            name=name,
            title=feedback.title or title,
            feedback=feedback,
            number=dutch_number,
            markdown=render_markdown,
            error=None,
        )


class SessionApiHandler(MijnCursusHandler):
    """``api/sessie``: what a module page needs to report progress to this server.

    A module page asks with ``fetch``, which JupyterHub (4.1 and later) does not count as a
    page view: it accepts the login cookie of such a request only with an XSRF token, the
    very thing this call hands out. This read-only call therefore skips that check: the
    login is still required (only the server's owner gets an answer), and a page of another
    site cannot read the answer (no CORS). Every POST keeps the check.
    """

    def check_xsrf_cookie(self) -> None:
        if self.request.method not in {"GET", "HEAD"}:
            super().check_xsrf_cookie()

    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"xsrf": self.xsrf_token.decode("ascii"), "basis": self.base_url}))


class ProgressApiHandler(MijnCursusHandler):
    """``api/voortgang/<module-id>``: a module page says it was opened or finished."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"melding": learner.ERROR_SERVER}))

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, ensure_ascii=False))

    @web.authenticated
    async def post(self, module_id: str) -> None:
        if course().by_id(module_id) is None:
            self._answer(400, {"melding": learner.MC_API_UNKNOWN_MODULE})
            return
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        event = body.get("gebeurtenis") if isinstance(body, dict) else None
        goed = body.get("goed") if isinstance(body, dict) else None
        van = body.get("van") if isinstance(body, dict) else None
        counts_ok = all(v is None or (isinstance(v, int) and v >= 0) for v in (goed, van))
        if event not in {"begonnen", "afgerond"} or not counts_ok:
            self._answer(400, {"melding": learner.MC_API_BAD_EVENT})
            return
        try:
            await _in_thread(services.record_progress, module_id, cast(Event, event), goed, van)
        except services.ProgressDown:
            self._answer(503, {"melding": learner.MC_API_PROGRESS_DOWN})
            return
        self._answer(200, {"bewaard": True})


class AssetHandler(MijnCursusHandler):
    """The page's own stylesheet and script (no resource from elsewhere)."""

    @web.authenticated
    def get(self, name: str) -> None:
        if name not in _ASSET_TYPES:
            raise web.HTTPError(404)
        data = resources.files("coursekit.mijn_cursus").joinpath("static", name).read_bytes()
        self.set_header("Content-Type", f"{_ASSET_TYPES[name]}; charset=utf-8")
        self.finish(data)


class RedirectToSlash(MijnCursusHandler):
    @web.authenticated
    def get(self) -> None:
        self.redirect(self.base)


def handlers(base_url: str) -> list[tuple[str, type[web.RequestHandler]]]:
    root = f"{base_url}mijn-cursus"
    name = r"([^/]+)"
    return [
        (root, RedirectToSlash),
        (f"{root}/", OverviewHandler),
        (f"{root}/vergeet", ForgetHandler),
        (f"{root}/bewijs.pdf", CertificateHandler),
        (f"{root}/oefening/{name}", ExerciseHandler),
        (f"{root}/oefening/{name}/ophalen", FetchHandler),
        (f"{root}/oefening/{name}/inleveren", HandInHandler),
        (f"{root}/oefening/{name}/feedback", FeedbackHandler),
        (f"{root}/api/sessie", SessionApiHandler),
        (f"{root}/api/voortgang/{name}", ProgressApiHandler),
        (f"{root}/static/{name}", AssetHandler),
    ]
