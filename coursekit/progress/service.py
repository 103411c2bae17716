"""The hub service ``voortgang``: the only writer of the progress tables.

Run by JupyterHub as a managed service (``python -m coursekit.hub_progress``, as the course
account, in the course folder; :func:`coursekit.hub.configure` sets it up), which adds the
Bewijs van deelname's calls (``api/bewijs``, :mod:`coursekit.overview.certificate_api`):
they read the group, a layer above this one, so they are handed in by :func:`main`'s
caller rather than imported here. Under ``/services/voortgang/``:

- ``GET api/mij``: the caller's rows, ``{"modules": {<module-id>: {...}}}``;
- ``POST api/mij/modules/<module-id>`` with ``{"gebeurtenis": "begonnen" | "afgerond",
  "goed": n, "van": m}`` (at most 1 KB): keeps the first opening and the first mastery
  with its score, ``{"module": <module-id>, "voortgang": {...}}``;
- ``DELETE api/mij``: forgets everything about the caller, ``{"vergeten": <rows>}``;
- ``GET api/groep``: everyone's rows, for the trainers' group only,
  ``{"gebruikers": {<name>: {<module-id>: {...}}}}``.

Who calls is the owner of the hub token in ``Authorization: token ...`` (HubAuth; a token
in the URL or a cookie is not accepted), which must hold ``access:services!service=
voortgang``: a volunteer's server token and the ``user`` role do. A write names no user,
so nobody can write another's progress. Whether the caller is a trainer is the hub's
answer for the token: JupyterHub's ``/hub/api/user`` always gives the owner's name and
groups, whatever the token's scopes (its "identify" scopes; tests/hub/test_progress.py
checks this for a server token), so a trainer's own token and their server's both work.
The hub's answer is kept for :data:`TOKEN_CHECK_SECONDS`, so a change of group or a
revoked token counts within that time.

Errors are JSON ``{"fout": "<one Dutch sentence>"}`` with 400, 403, 404, 405 or 413 (the
certificate's calls add 409 and 429), and
503 while the database cannot be reached (the service starts without it and makes its
tables when it can). Every answer has ``Cache-Control: no-store`` and no
``Server`` header. The service listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth, HubAuthenticated, UserNotAllowed
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import OperationalError
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.log import enable_pretty_logging

from coursekit.progress import store
from coursekit.progress.model import InvalidProgress, ModuleProgress
from coursekit.text import learner, trainer

log = logging.getLogger("coursekit.progress")
T = TypeVar("T")
#: More routes for the service: given the prefix (ending in /) and the settings every
#: :class:`ApiHandler` takes, ``(pattern, handler, settings)`` tuples.
MoreRoutes = Callable[[str, dict[str, Any]], Sequence[tuple[str, type, dict[str, Any]]]]

# What a report may weigh (it is a few dozen bytes); larger is refused with 413.
MAX_BODY_BYTES = 1024
# Tornado reads a body before a handler sees it; past this it closes the connection.
MAX_READ_BYTES = 64 * 1024
LOOPBACK = "127.0.0.1"
# Seconds between attempts to reach the database at start (the hub restarts a service
# that exits at once, which would spin while PostgreSQL is down).
RETRY_SECONDS = 5.0
BODY_KEYS = {"gebeurtenis", "goed", "van"}
# How long the hub's answer for a token is trusted (HubAuth's cache; its default is 300).
TOKEN_CHECK_SECONDS = 60

_SENTENCES = {
    400: learner.PROGRESS_BAD_BODY,
    503: learner.PROGRESS_UNAVAILABLE,
    403: learner.PROGRESS_NOT_LOGGED_IN,
    404: learner.PROGRESS_NOT_FOUND,
    405: learner.PROGRESS_NOT_ALLOWED,
    413: learner.PROGRESS_TOO_LARGE.format(limit=MAX_BODY_BYTES),
}


class Refusal(web.HTTPError):
    """An answer with ``status`` and one Dutch sentence for the caller."""

    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(status)
        self.sentence = sentence


class _JsonHandler(web.RequestHandler):
    """Answers and errors as JSON, never cached, with no server version."""

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, Refusal):
            sentence = error.sentence
        else:
            sentence = _SENTENCES.get(status_code, learner.PROGRESS_FAILED)
        self.finish({"fout": sentence})

    def answer(self, body: Mapping[str, Any]) -> None:
        self.finish(json.dumps(body, ensure_ascii=False))


class _NotFound(_JsonHandler):
    def prepare(self) -> None:
        raise Refusal(404, learner.PROGRESS_NOT_FOUND)


class ApiHandler(HubAuthenticated, _JsonHandler):  # type: ignore[misc]
    """A call by a hub user with a token that may use this service (``user_name``: the
    token's owner, as the hub says). Other layers' routes (:data:`MoreRoutes`) subclass it."""

    def initialize(
        self,
        engine: Engine,
        trainer_group: str,
        hub_auth: HubAuth | None,
        ready: threading.Event | None,
    ) -> None:
        self.engine = engine
        self.ready = ready
        self.trainer_group = trainer_group
        if hub_auth is not None:  # else HubAuth from the service's environment
            self.hub_auth = hub_auth

    async def prepare(self) -> None:
        # HubAuthenticated.get_current_user would ask the hub synchronously, holding up
        # every other request meanwhile; this asks it without blocking.
        model = await self.hub_auth.get_user(self, sync=False)
        if not model:
            raise Refusal(403, learner.PROGRESS_NOT_LOGGED_IN)
        try:
            model = self.check_hub_user(model)
        except UserNotAllowed:
            raise Refusal(403, learner.PROGRESS_NOT_LOGGED_IN) from None
        if model.get("kind") != "user":
            raise Refusal(403, learner.PROGRESS_ONLY_PEOPLE)
        self.current_user = model
        if self.ready is not None and not self.ready.is_set():
            raise Refusal(503, learner.PROGRESS_UNAVAILABLE)  # the tables are not there yet

    async def stored(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``action`` of the store in a thread; an unreachable database answers 503."""
        try:
            return await asyncio.to_thread(action, self.engine, *args, **kwargs)
        except OperationalError as error:
            log.warning("voortgang: database not reachable: %s", error.orig)
            raise Refusal(503, learner.PROGRESS_UNAVAILABLE) from None

    @property
    def user_name(self) -> str:
        return str(self.current_user["name"])

    @property
    def is_trainer(self) -> bool:
        """Whether the caller is in the trainers' group, as the hub says for the token."""
        groups = self.current_user.get("groups")
        if not isinstance(groups, list):  # the hub always names them; never guess
            raise RuntimeError("the hub's user model has no groups")
        return self.trainer_group in groups


class MineHandler(ApiHandler):
    """``api/mij``: the caller's own rows; DELETE forgets them."""

    async def get(self) -> None:
        rows = await self.stored(store.mine, self.user_name)
        self.answer({"modules": _rows(rows)})

    async def delete(self) -> None:
        forgotten = await self.stored(store.forget, self.user_name)
        self.answer({"vergeten": forgotten})


class ModuleHandler(ApiHandler):
    """``api/mij/modules/<module-id>``: report an opening or a mastery."""

    async def post(self, module_id: str) -> None:
        if len(self.request.body) > MAX_BODY_BYTES:
            raise Refusal(413, learner.PROGRESS_TOO_LARGE.format(limit=MAX_BODY_BYTES))
        try:
            body = json.loads(self.request.body)
        except ValueError:
            raise Refusal(400, learner.PROGRESS_BAD_BODY) from None
        if not isinstance(body, dict) or "gebeurtenis" not in body or set(body) - BODY_KEYS:
            raise Refusal(400, learner.PROGRESS_BAD_BODY)
        try:
            kept = await self.stored(
                store.record,
                self.user_name,
                module_id,
                body["gebeurtenis"],
                goed=body.get("goed"),
                van=body.get("van"),
            )
        except InvalidProgress as refused:
            raise Refusal(400, str(refused)) from None
        self.answer({"module": module_id, "voortgang": kept.to_json()})


class GroupHandler(ApiHandler):
    """``api/groep``: everyone's rows, for trainers."""

    async def get(self) -> None:
        if not self.is_trainer:
            raise Refusal(403, learner.PROGRESS_TRAINERS_ONLY)
        everyone = await self.stored(store.group)
        self.answer({"gebruikers": {name: _rows(rows) for name, rows in everyone.items()}})


def _rows(rows: Mapping[str, ModuleProgress]) -> dict[str, Any]:
    return {module_id: progress.to_json() for module_id, progress in rows.items()}


def make_app(
    engine: Engine,
    prefix: str,
    trainer_group: str,
    hub_auth: HubAuth | None = None,
    ready: threading.Event | None = None,
    more: MoreRoutes | None = None,
) -> web.Application:
    """The service's routes under ``prefix`` (``/services/voortgang/``), and ``more``."""
    prefix = "/" + prefix.strip("/") + "/"
    settings: dict[str, Any] = {
        "engine": engine,
        "trainer_group": trainer_group,
        "hub_auth": hub_auth,
        "ready": ready,
    }
    return web.Application(
        [
            (rf"{prefix}api/mij", MineHandler, settings),
            (rf"{prefix}api/mij/modules/([^/]+)", ModuleHandler, settings),
            (rf"{prefix}api/groep", GroupHandler, settings),
            *(more(prefix, settings) if more is not None else ()),
        ],
        default_handler_class=_NotFound,
        xsrf_cookies=False,  # token in a header only: no cookie a page could ride on
    )


def _setting(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name)
    if not value:
        sys.exit(trainer.PROGRESS_MISSING_SETTING.format(name=name))
    return value


def _upgrade_when_reachable(url: str, ready: threading.Event) -> None:
    """Migrate the tables, then set ``ready``; while the database cannot be reached, try
    again. Runs beside the service, which answers 503 until then: the hub stops when a
    service it manages does not answer, and pages must work without progress."""
    while True:
        try:
            store.upgrade(url)
            ready.set()
            log.info("voortgang: tables ready")
            return
        except OperationalError as error:
            log.warning("voortgang: database not reachable, retrying: %s", error.orig)
            time.sleep(RETRY_SECONDS)


def main(environ: Mapping[str, str] | None = None, more: MoreRoutes | None = None) -> None:
    """Start the service as the hub starts it, with ``more`` routes; returns only when the
    process is stopped."""
    env = os.environ if environ is None else environ
    enable_pretty_logging()
    logging.getLogger().setLevel(logging.INFO)
    gradebook_url = _setting(env, "COURSEKIT_GRADEBOOK_URL")
    service_url = _setting(env, "JUPYTERHUB_SERVICE_URL")
    prefix = _setting(env, "JUPYTERHUB_SERVICE_PREFIX")
    trainer_group = _setting(env, "COURSEKIT_TRAINER_GROUP")
    _setting(env, "JUPYTERHUB_API_TOKEN")
    address = urlparse(service_url)
    if address.hostname != LOOPBACK or address.port is None:
        sys.exit(trainer.PROGRESS_NOT_LOOPBACK.format(loopback=LOOPBACK, url=service_url))
    ready = threading.Event()
    threading.Thread(
        target=_upgrade_when_reachable, args=(gradebook_url, ready), daemon=True
    ).start()
    engine = create_engine(gradebook_url, pool_pre_ping=True)
    hub_auth = HubAuth(cache_max_age=TOKEN_CHECK_SECONDS)
    if not hub_auth.access_scopes:
        sys.exit(trainer.PROGRESS_MISSING_SETTING.format(name="JUPYTERHUB_SERVICE_NAME"))
    app = make_app(engine, prefix, trainer_group, hub_auth, ready, more)
    asyncio.run(_serve(app, address.port))


async def _serve(app: web.Application, port: int) -> None:
    server = HTTPServer(app, max_body_size=MAX_READ_BYTES)
    server.listen(port, address=LOOPBACK)
    log.info("voortgang: listening on http://%s:%d", LOOPBACK, port)
    await asyncio.Event().wait()
