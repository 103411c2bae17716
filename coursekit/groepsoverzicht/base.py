"""The page around every trainer page: Dutch, the course's style, no store, no script from
elsewhere; every POST passes jupyter-server's XSRF check (a form's ``_xsrf`` field)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from coursekit.overview.actions import Action, log_action
from coursekit.overview.group import Group, read_group
from coursekit.text import trainer

ENV = Environment(
    loader=PackageLoader("coursekit.groepsoverzicht", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: The files under ``static/``, with their types (nothing else is served from there).
ASSET_TYPES = {
    "groep.css": "text/css",
    "groep.js": "text/javascript",
}


class TrainerHandler(JupyterHandler):
    """A trainer's page in the course service. The server runs in the course folder."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)

    @property
    def course_dir(self) -> Path:
        return Path(self.settings["server_root_dir"]).expanduser().resolve()

    @property
    def base(self) -> str:
        """The pages' root URL, ending in ``/``."""
        return f"{self.base_url}groepsoverzicht/"

    @property
    def formgrader(self) -> str:
        return f"{self.base_url}formgrader"

    @property
    def trainer_name(self) -> str:
        """Who is acting: the hub name (on the hub) or the server's user (one machine)."""
        user = self.current_user
        name = getattr(user, "name", None) or getattr(user, "username", None)
        return str(name or "trainer")

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def group(self) -> Group:
        """The group as the stores hold it now (read in a thread: the gradebook blocks)."""
        return await asyncio.to_thread(read_group, self.course_dir, self.now())

    def record_action(self, action: str, **fields: Any) -> None:
        """Write a trainer action to the log (coursekit.overview.actions)."""
        log_action(
            self.course_dir,
            Action(at=self.now(), by=self.trainer_name, action=action, **fields),
        )

    def page(self, template: str, status: int = 200, **context: Any) -> None:
        self.set_status(status)
        hub = self.settings.get("hub_prefix") or "/hub/"
        self.finish(
            ENV.get_template(template).render(
                base=self.base,
                formgrader=self.formgrader,
                xsrf=self.xsrf_token.decode("ascii"),
                logout=f"{hub.rstrip('/')}/logout",
                trainer_name=self.trainer_name,
                text=trainer,
                **context,
            )
        )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if status_code == 404:
            message = trainer.GO_NOT_FOUND
        elif status_code == 403:
            message = trainer.GO_FORBIDDEN
        else:
            message = trainer.GO_SERVER_ERROR
        exception = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exception, web.HTTPError) and exception.log_message and status_code < 500:
            message = exception.log_message
        self.finish(
            ENV.get_template("fout.html").render(
                base=self.base,
                formgrader=self.formgrader,
                logout="/hub/logout",
                trainer_name="",
                text=trainer,
                message=message,
                status=status_code,
            )
        )


class AssetHandler(TrainerHandler):
    """The pages' own stylesheet and script."""

    @web.authenticated
    def get(self, name: str) -> None:
        if name not in ASSET_TYPES:
            raise web.HTTPError(404)
        data = resources.files("coursekit.groepsoverzicht").joinpath("static", name).read_bytes()
        self.set_header("Content-Type", f"{ASSET_TYPES[name]}; charset=utf-8")
        self.finish(data)


class RedirectToSlash(TrainerHandler):
    @web.authenticated
    def get(self) -> None:
        self.redirect(self.base)
