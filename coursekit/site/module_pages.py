"""What the page around a module needs from the course map, and where progress goes.

Every module page ends with a link to the next module in course order (the last one links
to the index). On the hub, a page opened from Mijn cursus reports "begonnen" and "afgerond"
to the volunteer's own server (docs/architecture.md, "Mijn cursus"); anywhere else it
reports nothing, and the index may remember finished modules in this browser only, when
the visitor asks for it. The template's page script (``progress_script`` in
``coursekit.macros.html.j2``) does the work; this module tells it, per page, which module
it shows, what follows, and whether and where to report.

When a module counts as *afgerond*: when its closing quiz (``mastery(n)``, the last cell)
reaches mastery; the quiz then marks the page with the module's id and the first-try
score of the round that reached it (:func:`coursekit.practice.markup.module_done`). A
module without guidance points (module 0, *Welkom*) has no closing quiz, since mastery
draws its statements from them: it counts as afgerond when the visitor has reached its
end (the links to the next module are in view), and is reported without a score.

The settings are a traitlets class, ``ModulePages``, read from voila.json or the command
line (``--ModulePages.report=True``).
"""

from __future__ import annotations

import os
import posixpath
from typing import Any

from traitlets import Bool, Unicode, default
from traitlets.config import Configurable

from coursekit.content.course import Module, course

# Where the page script keeps what it keeps: the Mijn cursus flag (sessionStorage, only on
# the hub and only after a link from Mijn cursus), the visitor's choice to remember and
# the finished modules' ids (localStorage, only after that choice). Forgetting removes
# every key that starts with the prefix.
STORAGE_PREFIX = "coursekit-"


class ModulePages(Configurable):
    """Whether module pages report progress, and where."""

    report = Bool(
        config=True,
        help="Whether a module page opened from Mijn cursus (a link ending in #mijn-cursus) "
        "reports 'begonnen' and 'afgerond' to the volunteer's server. By default, when the "
        "site runs as a JupyterHub service (JUPYTERHUB_SERVICE_PREFIX is set).",
    )
    session_url = Unicode(
        "/hub/user-redirect/mijn-cursus/api/sessie",
        config=True,
        help="Where the page asks for the volunteer's server and its _xsrf token: JSON "
        '{"xsrf": "...", "basis": "/user/<naam>/"}. Anything else means: report nothing.',
    )
    progress_path = Unicode(
        "mijn-cursus/api/voortgang/",
        config=True,
        help="Under the volunteer's server (the 'basis' of session_url): where a page posts "
        "its progress, followed by the module's id.",
    )
    mijn_cursus_url = Unicode(
        "/hub/user-redirect/mijn-cursus/",
        config=True,
        help="The link 'Terug naar Mijn cursus' at the end of a module opened from it.",
    )

    @default("report")
    def _report_on_the_hub(self) -> bool:
        return bool(os.environ.get("JUPYTERHUB_SERVICE_PREFIX"))


def _settings(voila_configuration: Any, settings: dict[str, Any] | None) -> ModulePages:
    """The ``ModulePages`` of this server (made once, from Voila's config), or the defaults
    when there is no server (the error page of a test)."""
    if settings is not None and "coursekit_module_pages" in settings:
        return settings["coursekit_module_pages"]  # type: ignore[no-any-return]
    parent = getattr(voila_configuration, "parent", None)
    made = ModulePages(parent=parent) if parent is not None else ModulePages()
    if settings is not None:
        settings["coursekit_module_pages"] = made
    return made


def has_closing_quiz(module: Module) -> bool:
    """A module's closing quiz draws from its guidance points: no points, no closing quiz."""
    return bool(module.guidance)


def module_config(notebook_path: str | None) -> dict[str, Any] | None:
    """For a module's notebook: its id, whether it has a closing quiz, and what follows it
    (None after the last module: its end links to the index)."""
    module = course().by_file(posixpath.basename(notebook_path or ""))
    if module is None:
        return None
    following = course().after(module)
    return {
        "id": module.id,
        "closing": has_closing_quiz(module),
        "next": None if following is None else {"file": following.file, "title": following.title},
    }


def report_config(voila_configuration: Any = None, settings: Any = None) -> dict[str, Any]:
    """What the page script needs to report, or that it must not."""
    pages = _settings(voila_configuration, settings if isinstance(settings, dict) else None)
    return {
        "report": pages.report,
        "session": pages.session_url,
        "progress": pages.progress_path,
        "mijnCursus": pages.mijn_cursus_url,
        "prefix": STORAGE_PREFIX,
    }
