"""Groepsoverzicht: the trainers' pages in the course service on the hub (issue 18).

A jupyter-server extension, loaded by the course service (the ``jupyterhub-singleuser``
that runs formgrader in the course folder, as the course account; only the group
``formgrade-<course>`` may open it, so the hub refuses a volunteer with 403). Three parts,
one module each, under ``<base_url>groepsoverzicht/``:

- :mod:`~coursekit.groepsoverzicht.pages`: the overview of the group, a volunteer's details,
  CSV, a printable page, the progress plot, confirming and looking up certificates;
- :mod:`~coursekit.groepsoverzicht.cycle`: the trainer's cycle (release, collect, grade with
  progress, feedback, due dates and extensions);
- :mod:`~coursekit.groepsoverzicht.beheer`: the group itself (add, new password, remove,
  erase), through the hub.

:mod:`~coursekit.groepsoverzicht.base` holds the page around every page.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """jupyter-server finds the extension here (``jpserver_extensions``)."""
    return [{"module": "coursekit.groepsoverzicht"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add the pages under ``<base_url>groepsoverzicht/`` to the running server."""
    from coursekit.groepsoverzicht.handlers import handlers

    web_app = serverapp.web_app
    web_app.add_handlers(".*$", handlers(web_app.settings["base_url"]))
    serverapp.log.info(
        "Groepsoverzicht: pagina's onder %sgroepsoverzicht/", web_app.settings["base_url"]
    )
