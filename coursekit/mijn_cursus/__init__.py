"""Mijn cursus: the volunteer's pages in their own server on the hub, with no kernel.

A jupyter-server extension: the overview of modules and exercises, the exercise pages
(answer, write the reflection, hand in through nbgrader's exchange) and the feedback, as
Jinja pages. docs/architecture.md ("Mijn cursus") draws how the parts talk.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """jupyter-server finds the extension here (``jpserver_extensions``)."""
    return [{"module": "coursekit.mijn_cursus"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add the pages under ``<base_url>mijn-cursus/`` to the running server."""
    from coursekit.mijn_cursus.handlers import handlers

    web_app = serverapp.web_app
    web_app.add_handlers(".*$", handlers(web_app.settings["base_url"]))
    serverapp.log.info("Mijn cursus: pagina's onder %smijn-cursus/", web_app.settings["base_url"])
