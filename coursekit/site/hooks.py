"""What the course's Voila pages need from the course data, handed to the template.

Voila calls :func:`page_config` for the course index and for every module page (see
``voila.py``). It adds the help bar, built from the one facts file, and the course map,
so that the template never types a phone number or a module title itself.

:func:`serve_privately` does what Voila has no option for, so that a visitor leaves as
little trail as a browser allows: no server version, Dutch error pages with the help
lines, and a handler that forgets the visitor's cookies when they use "Snel weg".
"""

from __future__ import annotations

import posixpath
from typing import Any

import tornado.web
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.utils import url_path_join

from coursekit.content.course import course
from coursekit.content.facts import facts
from coursekit.practice.markup import help_lines_html
from coursekit.site.module_pages import module_config, report_config
from coursekit.site.page_kernels import COOKIE as PAGE_COOKIE
from coursekit.site.statement import STATEMENT_PATH, AccessibilityStatement, StatementHandler
from coursekit.site.transfer import transform_for
from coursekit.text import learner

# Where the quick exit asks the server to forget the visitor, under Voila's base URL; the
# template reads it from the page config.
FORGET_PATH = "coursekit/forget"


def page_config(
    current: dict[str, Any],
    notebook_path: str | None = None,
    voila_configuration: Any = None,
    settings: Any = None,
    **_context: Any,
) -> dict[str, Any]:
    """Voila's ``page_config_hook``: add the help bar and the modules, in place.

    A module's page also gets its own id and what follows it (``coursekitModule``), and
    every page whether and where progress is reported (``coursekitReport``): see
    :mod:`coursekit.site.module_pages`.

    It also drops Voila's version (``appVersion``), which JupyterLab's code only shows as
    "unknown" without it: a page names no software version.
    """
    current.pop("appVersion", None)
    current["coursekitHelp"] = help_lines_html()
    current["coursekitHelpNumbers"] = help_numbers()
    current["coursekitForget"] = FORGET_PATH
    current["coursekitModules"] = [
        {
            "id": m.id,
            "file": m.file,
            "title": m.title,
            "about": m.about,
            "minutes": learner.INDEX_MINUTES.format(minutes=m.minutes),
        }
        for m in course().modules
    ]
    current["coursekitModule"] = module_config(notebook_path)
    current["coursekitReport"] = report_config(voila_configuration, settings)
    return current


def help_numbers() -> list[dict[str, str]]:
    """The first number of every help-bar line, for the folded help bar at the top of every
    page (the template shows them as links that phone them; on a phone only the first)."""
    return [
        {"name": line.name, "number": line.number, "tel": line.number.replace("-", "")}
        for line in facts().help_bar_lines()
    ]


def send_without_delay() -> None:
    """Set ``TCP_NODELAY`` on every kernel websocket that Voila opens.

    Voila 0.5.13 leaves Nagle's algorithm on, so a small widget update can wait until the
    browser acknowledges the previous one, and Linux delays that acknowledgement up to 40 ms.
    ``benchmarks/voila.py`` measured a p95 click-to-feedback of 44 ms without and 7 ms with
    this setting for 50 learners. Voila has no option for it, so this wraps the handler's
    ``open``; calling it twice does not wrap twice.
    """
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    original = VoilaKernelWebsocketHandler.open
    if getattr(original, "_coursekit_nodelay", False):
        return

    async def open_without_delay(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.set_nodelay(True)
        return await original(self, *args, **kwargs)

    open_without_delay._coursekit_nodelay = True  # type: ignore[attr-defined]
    VoilaKernelWebsocketHandler.open = open_without_delay


def error_page(status_code: int, base_url: str, env: Any) -> str:
    """The Dutch error page: what went wrong in one sentence, the help lines and Snel weg.

    ``env`` is Voila's Jinja environment, whose first folder is the course's template, so
    ``error.html`` is the course's. A missing page (403 or 404) says so; anything else says
    that the page could not be shown; a full site (503) asks to come back in a few minutes.
    The detail stays in the server's log.
    """
    if status_code in (403, 404):
        title, message = learner.ERROR_NOT_FOUND_TITLE, learner.ERROR_NOT_FOUND
    elif status_code == 503:
        title, message = learner.ERROR_BUSY_TITLE, learner.ERROR_BUSY
    else:
        title, message = learner.ERROR_SERVER_TITLE, learner.ERROR_SERVER
    return str(
        env.get_template("error.html").render(
            page_config=page_config({}),
            base_url=base_url,
            title=title,
            message=message,
        )
    )


def serve_privately() -> None:
    """Make every response of Voila's server leave as little trail as a browser allows.

    Voila 0.5 and jupyter_server have options for most of this (``voila.py`` sets them:
    the headers, session cookies). Where there is no option, this wraps tornado's and
    Voila's classes, once however often it is called:

    - tornado's ``RequestHandler.clear``: no ``Server:`` header (it names tornado's
      version); the headers of ``tornado_settings["headers"]`` also on the handlers that
      are not jupyter_server's (Voila's static files, tornado's own 404); course pages,
      the API and error pages ``Cache-Control: no-store``, while static files keep their
      own caching (Voila's CSS and JavaScript are generic);
    - ``write_error`` of tornado and jupyter_server: the Dutch page of :func:`error_page`
      instead of an English one (the JSON errors of the API stay JSON);
    - Voila's ``TemplateStaticFileHandler``: a malformed ``/voila/templates/…`` path is a
      404, not a 500;
    - tornado's ``redirect``: a target with a control character (``/voila/render/x%00``
      redirects to ``/voila/files/x\\0``, which tornado refuses as a header) is a 404,
      not a 500;
    - ``Voila.init_handlers``: a handler at :data:`FORGET_PATH` that expires the course's
      cookies, which the quick exit calls before it leaves; the accessibility statement
      (:mod:`coursekit.site.statement`) at its path; and the compression and cache
      headers of the generic static files (:mod:`coursekit.site.transfer`), which tornado
      reads too early for ``tornado_settings``.
    """
    from jupyter_server.base.handlers import JupyterHandler
    from voila.app import Voila
    from voila.static_file_handler import TemplateStaticFileHandler

    if getattr(tornado.web.RequestHandler.clear, "_coursekit_private", False):
        return

    original_clear = tornado.web.RequestHandler.clear

    def clear(self: tornado.web.RequestHandler) -> None:
        original_clear(self)
        self.clear_header("Server")
        if not isinstance(self, JupyterHandler):  # jupyter_server sets these itself
            for name, value in self.settings.get("headers", {}).items():
                self.set_header(name, value)
        if not isinstance(self, tornado.web.StaticFileHandler):
            self.set_header("Cache-Control", "no-store")

    original_write_error = tornado.web.RequestHandler.write_error

    def write_error(self: tornado.web.RequestHandler, status_code: int, **kwargs: Any) -> None:
        env = self.settings.get("voila_jinja2_env")
        if env is None:  # not Voila's own server
            original_write_error(self, status_code, **kwargs)
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(error_page(status_code, self.settings.get("base_url", "/"), env))

    original_parse = TemplateStaticFileHandler.parse_url_path

    def parse_url_path(self: TemplateStaticFileHandler, url_path: str) -> str:
        parts = posixpath.normpath(url_path).split("/", 2)
        if len(parts) != 3 or parts[1] != "static" or ".." in parts or "\0" in url_path:
            raise tornado.web.HTTPError(404)
        try:
            return str(original_parse(self, url_path))
        except (ValueError, AssertionError, OSError) as error:  # no such template
            raise tornado.web.HTTPError(404) from error

    original_redirect = tornado.web.RequestHandler.redirect

    def redirect(self: tornado.web.RequestHandler, url: str, *args: Any, **kwargs: Any) -> None:
        if any(ord(char) < 0x20 or char == "\x7f" for char in url):
            raise tornado.web.HTTPError(404)
        original_redirect(self, url, *args, **kwargs)

    original_init_handlers = Voila.init_handlers

    def init_handlers(self: Voila) -> list[Any]:
        forget = (url_path_join(self.server_url, FORGET_PATH), ForgetHandler)
        statement = (
            url_path_join(self.server_url, STATEMENT_PATH),
            StatementHandler,
            {"statement": AccessibilityStatement(parent=self)},
        )
        self.app.add_transform(transform_for(self.server_url))
        return [forget, statement, *original_init_handlers(self)]

    clear._coursekit_private = True  # type: ignore[attr-defined]
    tornado.web.RequestHandler.clear = clear  # type: ignore[method-assign]
    tornado.web.RequestHandler.write_error = write_error  # type: ignore[method-assign]
    JupyterHandler.write_error = write_error  # type: ignore[method-assign]
    TemplateStaticFileHandler.parse_url_path = parse_url_path
    tornado.web.RequestHandler.redirect = redirect  # type: ignore[method-assign]
    Voila.init_handlers = init_handlers


class CourseIdentityProvider(PasswordIdentityProvider):
    """Voila's identity provider, minus the cookie that remembers an anonymous visitor.

    Without a login, jupyter_server makes up a name for each visitor ("Anonymous Carpo")
    and keeps it in a ``username-…`` cookie so that the name stays the same. Voila uses the
    name for nothing, and the cookie tells whoever looks at the browser that the course
    was open; worse, a request made as the tab closes would set it again after Snel weg
    expired it. So no such cookie is set while there is no login. ``voila.py`` selects this
    class with Voila's ``identity_provider_class`` option.
    """

    def set_login_cookie(self, handler: tornado.web.RequestHandler, user: User) -> None:
        if self.auth_enabled:
            super().set_login_cookie(handler, user)


class ForgetHandler(tornado.web.RequestHandler):
    """``POST``: expire the course's cookies (``username-…``, ``_xsrf`` and the page session
    of :mod:`coursekit.site.page_kernels`) in the browser.

    Nothing is stored on the server to forget. Tornado checks no XSRF token here (Voila
    sets no ``xsrf_cookies``), which is right: a forged request can only make its sender
    forget a course that needs no login.
    """

    def post(self) -> None:
        paths = {"/", self.settings.get("base_url", "/")}
        for name in self.request.cookies:
            if name in ("_xsrf", PAGE_COOKIE) or name.startswith("username-"):
                for path in paths:
                    self.clear_cookie(name, path=path)
        # Where the browser allows it (HTTPS, or this machine): the site's local storage
        # and cached static files too. Not "cookies": that clears every site of the same
        # domain, not only the course.
        self.set_header("Clear-Site-Data", '"cache", "storage"')
        self.set_status(204)
