"""The hub's side of progress reporting, played on Voila's own port, for the browser tests.

On the hub, a module page (``/services/cursus/…``), Mijn cursus (``/user/<naam>/mijn-cursus/``)
and the hub (``/hub/…``) share one origin. A test serves the course's Voila (the repository's
voila.py and voila.json) under ``--Voila.base_url=/services/cursus/`` and adds these handlers
to the same tornado application, so the page script talks to a real server at the very
paths it uses on the hub:

- ``/hub/user-redirect/<rest>``: redirects to ``/user/anna/<rest>``, as the hub does;
- ``GET /user/anna/mijn-cursus/api/sessie``: ``{"xsrf": …, "basis": "/user/anna/"}``, or, in
  mode ``html``, a login page as HTML; it also sets a cookie on ``/``, so that a test sees
  whether a post carries the browser's cookies;
- ``POST /user/anna/mijn-cursus/api/voortgang/<id>``: recorded; the first ``fail`` posts are
  answered 503;
- ``GET /user/anna/mijn-cursus/``: a page titled "Mijn cursus";
- ``/opname``: ``GET`` every request recorded, ``POST {"mode": …, "fail": n}`` starts afresh.

The test's own voila.py calls :func:`add_recorder` after the repository's.
"""

from __future__ import annotations

import json
from typing import Any

import tornado.web

XSRF = "proef-xsrf-token"
BASIS = "/user/anna/"
COOKIE = "hubsessie"

STATE: dict[str, Any] = {"mode": "json", "fail": 0, "requests": []}


class RedirectToServer(tornado.web.RequestHandler):
    def get(self, rest: str) -> None:
        self.redirect(BASIS + rest)


class Session(tornado.web.RequestHandler):
    def get(self) -> None:
        STATE["requests"].append({"what": "sessie"})
        self.set_header("Cache-Control", "no-store")
        if STATE["mode"] == "html":
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish("<!DOCTYPE html><html lang='nl'><title>Inloggen</title><form></form>")
            return
        self.set_cookie(COOKIE, "1", path="/")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"xsrf": XSRF, "basis": BASIS}))


class Progress(tornado.web.RequestHandler):
    def post(self, module_id: str) -> None:
        failing = STATE["fail"] > 0
        STATE["requests"].append(
            {
                "what": "voortgang",
                "module": module_id,
                "xsrf": self.request.headers.get("X-XSRFToken"),
                # jupyter-server refuses a POST whose Origin is not its own host.
                "origin": self.request.headers.get("Origin"),
                "type": self.request.headers.get("Content-Type"),
                "cookie": COOKIE in self.request.cookies,
                "body": json.loads(self.request.body or b"null"),
                "answered": 503 if failing else 200,
            }
        )
        if failing:
            STATE["fail"] -= 1
            raise tornado.web.HTTPError(503)
        self.set_header("Content-Type", "application/json")
        self.finish("{}")


class MijnCursus(tornado.web.RequestHandler):
    def get(self) -> None:
        self.finish("<!DOCTYPE html><html lang='nl'><title>Mijn cursus</title><h1>Mijn cursus</h1>")


class Control(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(STATE["requests"]))

    def post(self) -> None:
        wanted = json.loads(self.request.body)
        STATE.update(mode=wanted.get("mode", "json"), fail=wanted.get("fail", 0), requests=[])
        self.set_status(204)


def add_recorder() -> None:
    """Add the handlers above to every Voila application started in this process."""
    from voila.app import Voila

    original = Voila.init_handlers

    def init_handlers(self: Voila) -> list[Any]:
        ours = [
            (r"/hub/user-redirect/(.*)", RedirectToServer),
            (r"/user/anna/mijn-cursus/api/sessie", Session),
            (r"/user/anna/mijn-cursus/api/voortgang/([^/]+)", Progress),
            (r"/user/anna/mijn-cursus/", MijnCursus),
            (r"/opname", Control),
        ]
        return [*ours, *original(self)]

    Voila.init_handlers = init_handlers
